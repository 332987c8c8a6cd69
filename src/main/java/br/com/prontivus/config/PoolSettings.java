package br.com.prontivus.config;

/**
 * Connection pool sizing for PostgreSQL (DB_POOL_*). Mapped onto HikariCP by the data layer.
 *
 * @param size DB_POOL_SIZE, connections kept open (≥ 1)
 * @param maxOverflow DB_MAX_OVERFLOW, extra connections allowed under load (≥ 0)
 * @param timeoutSeconds DB_POOL_TIMEOUT, how long to wait for a connection (≥ 1)
 * @param recycleSeconds DB_POOL_RECYCLE, maximum connection lifetime (≥ 30)
 */
public record PoolSettings(int size, int maxOverflow, int timeoutSeconds, int recycleSeconds) {

    public PoolSettings {
        if (size < 1 || maxOverflow < 0 || timeoutSeconds < 1 || recycleSeconds < 30) {
            throw new IllegalArgumentException("pool settings out of range: size=" + size + ", maxOverflow="
                    + maxOverflow + ", timeoutSeconds=" + timeoutSeconds + ", recycleSeconds=" + recycleSeconds);
        }
    }

    /** HikariCP maximumPoolSize: size + overflow. */
    public int maximumPoolSize() {
        return Math.addExact(size, maxOverflow);
    }

    /** HikariCP minimumIdle: the base size. */
    public int minimumIdle() {
        return size;
    }
}
