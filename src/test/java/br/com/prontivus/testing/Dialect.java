package br.com.prontivus.testing;

/** The two databases every repository runs on. */
public enum Dialect {
    SQLITE, POSTGRES
}
