package br.com.prontivus.bench;

import br.com.prontivus.clinic.PatientDraft;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic patients for the benchmark: realistic Brazilian names (with accents and
 * the usual particles), CPFs with valid check digits, birth dates, mobile phones with real area
 * codes. Patient {@code i} is always the same person for a given seed; CPFs are unique across all
 * indexes because the 9 base digits are a bijection of the index (see {@link #cpfDigits}).
 */
public final class PatientGenerator {

    static final List<String> FEMALE = List.of("Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia",
            "Fernanda", "Patrícia", "Aline", "Sandra", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia", "Júlia",
            "Luciana", "Vanessa", "Mariana", "Gabriela", "Valéria", "Cecília", "Lúcia", "Conceição", "Luíza", "Beatriz",
            "Sônia", "Ângela", "Inês", "Helena", "Alícia", "Laís", "Débora", "Bárbara", "Tânia", "Rosângela", "Vitória",
            "Heloísa", "Lívia", "Valentina", "Sofia", "Manuela", "Isabela", "Raquel", "Simone", "Cláudia", "Mônica");
    static final List<String> MALE = List.of("José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro",
            "Lucas", "Luiz", "Marcos", "Luís", "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe",
            "Raimundo", "Rodrigo", "Sebastião", "Fábio", "Vinícius", "Otávio", "Caetano", "Heitor", "Joaquim", "Cauã",
            "Enzo", "Arthur", "Davi", "Bernardo", "Mateus", "Thiago", "André", "Sérgio", "Márcio", "Flávio", "Rogério",
            "Benedito", "Cícero", "Geraldo", "Jônatas", "Nélson", "Ícaro", "Ênio", "Átila", "Túlio");
    static final List<String> SURNAMES = List.of("Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira",
            "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes",
            "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes",
            "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira",
            "Araújo", "Conceição", "Magalhães", "Brandão", "Simões", "Falcão", "Guimarães", "Assunção", "Romão",
            "Mendonça", "Damião", "Cunha", "Pinheiro", "Leão", "Estêvão", "Sampaio", "Bragança", "Nóbrega", "Lacerda",
            "Queiroz", "Tavares", "Antunes", "Xavier", "Quintão", "Prudêncio");
    static final List<String> PARTICLES = List.of("da", "de", "dos", "das", "do");
    /** DDDs in rough proportion to population: São Paulo and Rio weigh more. */
    static final List<String> AREA_CODES = List.of("11", "11", "11", "11", "12", "13", "14", "15", "16", "17", "19",
            "19", "21", "21", "21", "22", "24", "27", "31", "31", "32", "34", "35", "41", "41", "43", "44", "47", "48",
            "51", "51", "54", "61", "61", "62", "65", "67", "71", "71", "73", "75", "79", "81", "81", "82", "83", "84",
            "85", "85", "86", "91", "92", "95", "98");
    static final List<String> DOMAINS = List.of("gmail.com", "hotmail.com", "yahoo.com.br", "uol.com.br", "bol.com.br",
            "outlook.com");
    private static final LocalDate OLDEST = LocalDate.of(1930, 1, 1);
    private static final int BIRTH_SPAN_DAYS = (int) (LocalDate.of(2025, 12, 31).toEpochDay() - OLDEST.toEpochDay());
    /** Odd and not a multiple of 5, so multiplying by it permutes the residues mod 10^9. */
    private static final long CPF_MULTIPLIER = 387_420_489L;
    private static final long CPF_OFFSET = 123_456_789L;
    private static final long BILLION = 1_000_000_000L;

    private final long seed;

    public PatientGenerator(long seed) {
        this.seed = seed;
        this.spare = spares();
    }

    /** One generated person; strings as reception would type them (CPF and phone punctuated). */
    public record Person(String fullName, String socialName, String cpf, LocalDate birthDate, String sex,
                         String phone, String email) {
        public PatientDraft draft() {
            return new PatientDraft(fullName, socialName, cpf, birthDate, sex, phone, email, null, null);
        }
    }

    /** The drafts of persons {@code first} to {@code first + count - 1}, in order, in a list the caller may extend. */
    public List<PatientDraft> drafts(long first, int count) {
        List<PatientDraft> drafts = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drafts.add(person(first + i).draft());
        }
        return drafts;
    }

    public Person person(long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        boolean female = r.nextBoolean();
        List<String> given = female ? FEMALE : MALE;
        StringBuilder name = new StringBuilder(pick(r, given));
        if (r.nextInt(100) < 45) {
            name.append(' ').append(pick(r, given));
        }
        int surnames = 1 + r.nextInt(3);
        for (int s = 0; s < surnames; s++) {
            if (r.nextInt(100) < 30) {
                name.append(' ').append(pick(r, PARTICLES));
            }
            name.append(' ').append(pick(r, SURNAMES));
        }
        String fullName = name.toString();
        String social = r.nextInt(1000) < 5 ? pick(r, female ? MALE : FEMALE) + " " + pick(r, SURNAMES) : null;
        LocalDate birth = OLDEST.plusDays(r.nextInt(BIRTH_SPAN_DAYS));
        String phone = "(" + pick(r, AREA_CODES) + ") 9" + digits(r, 4) + "-" + digits(r, 4);
        String email = r.nextInt(100) < 40
                ? br.com.prontivus.clinic.SearchText.fold(fullName).replace(' ', '.') + index + "@" + pick(r, DOMAINS)
                : null;
        String cpfDigits = cpfDigits(index);
        String cpf = cpfDigits.substring(0, 3) + "." + cpfDigits.substring(3, 6) + "." + cpfDigits.substring(6, 9)
                + "-" + cpfDigits.substring(9);
        return new Person(fullName, social, cpf, birth, female ? "female" : "male", phone, email);
    }

    /**
     * The CPF of person {@code index} (0 ≤ index < {@link #MAX_PATIENTS}): 9 base digits that are a
     * bijection of the index mod 10^9, hence unique, then the two mod-11 check digits. The ten bases
     * with all digits equal (never issued) are replaced by the bases of indexes at the top of the
     * range, which no caller may use, so uniqueness holds.
     */
    public String cpfDigits(long index) {
        if (index < 0 || index >= MAX_PATIENTS) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        long base = base(index);
        if (degenerate(base)) {
            base = spare[(int) (base % 10)];
        }
        String b = String.format("%09d", base);
        int d1 = check(b, 9);
        int d2 = check(b + d1, 10);
        return b + d1 + d2;
    }

    /** Indexes above this are reserved as replacements for the ten all-same-digit bases. */
    public static final long MAX_PATIENTS = BILLION - 100;

    private final long[] spare;

    private long base(long index) {
        return Math.floorMod(Math.floorMod(index + seed, BILLION) * CPF_MULTIPLIER + CPF_OFFSET, BILLION);
    }

    private long[] spares() {
        long[] out = new long[10];
        int n = 0;
        for (long j = BILLION - 1; n < out.length; j--) {
            long b = base(j);
            if (!degenerate(b)) {
                out[n++] = b;
            }
        }
        return out;
    }

    private static boolean degenerate(long base) {
        return base % 111_111_111L == 0; // 000000000, 111111111, … 999999999
    }

    private static int check(String digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }

    private static String pick(SplittableRandom r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }
}
