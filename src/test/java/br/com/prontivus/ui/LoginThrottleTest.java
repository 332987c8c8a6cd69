package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.ui.login.LoginThrottle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void threeFreeAttemptsThenDoublingDelaysUpToTheCap() {
        LoginThrottle t = new LoginThrottle(Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(t.recordFailure()).isZero();
        assertThat(t.recordFailure()).isZero();
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(4));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(8));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            t.recordFailure();
        }
        assertThat(t.delay()).isEqualTo(Duration.ofSeconds(30));
        t.recordSuccess();
        assertThat(t.delay()).isZero();
    }

    @Test
    void masksFormatAsTyped() {
        assertThat(Formats.maskCpf("529")).isEqualTo("529");
        assertThat(Formats.maskCpf("5299")).isEqualTo("529.9");
        assertThat(Formats.maskCpf("52998224725")).isEqualTo("529.982.247-25");
        assertThat(Formats.maskDate("150319")).isEqualTo("15/03/19");
        assertThat(Formats.phone("11987654321")).isEqualTo("(11) 98765-4321");
        assertThat(Formats.phone("1134567890")).isEqualTo("(11) 3456-7890");
    }
}
