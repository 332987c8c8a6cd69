package br.com.prontivus.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The direct writers must produce Jackson's bytes: checksums and stored outbox rows depend on them. */
class CanonicalJsonTest {

    @Test
    void everyCharacterIsEscapedAsJacksonDoes() {
        for (char c = 0; c < 0x3000; c++) {
            Map<String, Object> row = Map.of("k" + c, "a" + c + "b", String.valueOf(c), String.valueOf(c));
            assertThat(CanonicalJson.writeRow(row)).as("U+%04X", (int) c)
                    .isEqualTo(CanonicalJson.write(CanonicalJson.canonicalRow(row)));
        }
        List<String> surrogates = List.of("\ud83d\ude00", "\ud800", "x\udfffy");
        assertThat(CanonicalJson.writeStrings(surrogates)).isEqualTo(CanonicalJson.write(surrogates));
    }

    @Test
    void rowsOfEveryValueTypeAreWrittenAsJacksonWritesTheirCanonicalForm() {
        SplittableRandom random = new SplittableRandom(7);
        String chars = "aZ9 \"\\/\b\f\n\r\t\u0000\u001f\u007fçãé\u2028\u2029€";
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            int fields = random.nextInt(12);
            for (int f = 0; f < fields; f++) {
                String key = randomText(random, chars, 6);
                Object value = switch (random.nextInt(10)) {
                    case 0 -> null;
                    case 1 -> random.nextBoolean();
                    case 2 -> random.nextLong();
                    case 3 -> random.nextInt();
                    case 4 -> (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE);
                    case 5 -> new UUID(random.nextLong(), random.nextLong());
                    case 6 -> Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000));
                    case 7 -> LocalDate.ofEpochDay(random.nextLong(-30_000, 30_000));
                    case 8 -> Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)).atOffset(java.time.ZoneOffset.ofHours(-3));
                    default -> randomText(random, chars, 20);
                };
                row.put(key, value);
            }
            String reference = CanonicalJson.write(CanonicalJson.canonicalRow(row));
            assertThat(CanonicalJson.writeRow(row)).isEqualTo(reference);
            assertThat(CanonicalJson.writeRow(new TreeMap<>(row))).isEqualTo(reference);
            List<String> strings = new ArrayList<>(row.keySet());
            assertThat(CanonicalJson.writeStrings(strings)).isEqualTo(CanonicalJson.write(strings));
        }
        assertThat(CanonicalJson.writeRow(Map.of())).isEqualTo("{}");
        assertThat(CanonicalJson.writeStrings(List.of())).isEqualTo("[]");
    }

    @Test
    void fieldVersionsAreWrittenAsBefore() {
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put("full_name", 5L);
        versions.put("cpf", 5L);
        versions.put("address", Long.MAX_VALUE);
        assertThat(CanonicalJson.writeRow(versions)).isEqualTo(CanonicalJson.write(versions))
                .isEqualTo("{\"address\":9223372036854775807,\"cpf\":5,\"full_name\":5}");
    }

    private static String randomText(SplittableRandom random, String chars, int max) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(max);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }
}
