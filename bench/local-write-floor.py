#!/usr/bin/env python3
"""SQLite's own cost of the rows one imported patient writes (issue 3; docs/PERFORMANCE.md, "What
the target asks of SQLite"). No Java, no JDBC: Python's sqlite3 binds each row with a few
microseconds of overhead, so what is left is the B-tree work of the Prontivus schema itself.

The schema is read from a real Prontivus data file, e.g. one kept by
`java -jar target/prontivus.jar bench local --keep --dir /tmp/kb --patients 2000`
(.../run/data/prontivus.db). Per patient, as PatientService.registerBatch writes them: the patient
row, two outbox entries (the patient's and its audit row's), the audit row and ~4 search terms;
batches of 1,000 patients, one transaction each, WAL + synchronous=FULL, 64 MiB page cache, as
the desktop's writer. Values are shaped like the app's (UUIDv7 ids, canonical JSON of the same
size), not byte-identical.

    usage: bench/local-write-floor.py SCHEMA_DB [patients=100000] [variant=all|no-terms|register]
Prints CPU microseconds per patient for each statement batch and for COMMIT, and rows/s.

Variant "register" is the floor of one registration (PatientService.register) instead: after the
import, 3,000 transactions of ONE patient each, with its statements in the app's order (the CPF
check, the patient, its outbox entry, its search terms, the audit row and the audit row's outbox
entry), each followed by a bare one-row commit in a separate file as `bench local`'s baseline.
Prints p50/p95/p99 of the whole transaction, its statements and its COMMIT, the bare commit's, and
then the WAL frames (pages) one registration writes, by B-tree (200 more registrations, each after
a truncating checkpoint so that its frames can be counted; dbstat maps page numbers to B-trees).
"""
import hashlib
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid

TABLES = ("patients", "outbox", "audit_log", "patient_search_terms")
FIRST = ["maria", "jose", "ana", "joao", "antonio", "francisca", "carlos", "paulo", "pedro", "lucas",
         "luiz", "marcos", "gabriel", "rafael", "daniel", "marcelo", "bruno", "eduardo", "felipe", "rodrigo"]
LAST = ["silva", "santos", "oliveira", "souza", "rodrigues", "ferreira", "alves", "pereira", "lima", "gomes",
        "costa", "ribeiro", "martins", "carvalho", "almeida", "lopes", "soares", "fernandes", "vieira", "barbosa"]


def uuid7():
    ms = int(time.time() * 1000)
    r = random.getrandbits(74)
    return str(uuid.UUID(int=(ms << 80) | (0x7 << 76) | ((r >> 62) << 64) | (0x2 << 62) | (r & ((1 << 62) - 1))))


def schema(source):
    src = sqlite3.connect(source)
    placeholders = ",".join("?" * len(TABLES))
    rows = src.execute(
        f"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (name IN ({placeholders})"
        f" OR (type = 'index' AND tbl_name IN ({placeholders}))) ORDER BY type DESC",
        TABLES + TABLES).fetchall()
    return [r[0] for r in rows]


CPFS_USED = set()


def unique_cpf():
    """A random 11-digit CPF not generated before (CPFs are unique per clinic)."""
    while True:
        cpf = "%011d" % random.randrange(10**11)
        if cpf not in CPFS_USED:
            CPFS_USED.add(cpf)
            return cpf


def batches(n, batch, clinic, device):
    fv = json.dumps({f: 117681485915422720 for f in ("address", "birth_date", "cpf", "email", "full_name", "notes",
                                                     "phone", "search_name", "sex", "social_name")}, sort_keys=True)
    for _ in range(n // batch):
        patients, outbox, audit, terms = [], [], [], []
        for _ in range(batch):
            words = [random.choice(FIRST), random.choice(FIRST), random.choice(LAST), random.choice(LAST)]
            name, search = " ".join(w.capitalize() for w in words), " ".join(words)
            pid, cpf, phone = uuid7(), unique_cpf(), "11%09d" % random.randrange(10**9)
            patients.append((pid, clinic, name, None, cpf, "1960-02-08", "male", phone, search.replace(" ", ".") + "@x.com",
                             None, None, search, None, 117681485915422720, device, 0, fv))
            after = json.dumps({"address": None, "birth_date": "1960-02-08", "cpf": cpf, "email": None,
                                "full_name": name, "notes": None, "phone": phone, "search_name": search,
                                "sex": "male", "social_name": None}, sort_keys=True)
            aid = uuid7()
            audit.append((aid, clinic, "2026-11-26 07:09:30.013+00:00", None, device, "patient.register", "patients",
                          pid, "registered " + name, None, 117681485906771968, device, 0, fv))
            for table, row, fields in (("patients", pid, '["address","birth_date","cpf"]'),
                                       ("audit_log", aid, '["action","entity","summary"]')):
                outbox.append((uuid7(), clinic, table, row, "insert", fields, "{}", after, None, 117681486148730880,
                               hashlib.sha256(after.encode()).hexdigest(), "pending", 0, None, None,
                               "2026-11-26 07:09:33.706952113+00:00", None))
            terms += [(clinic, w, pid, search) for w in set(words)]
        terms.sort()
        yield patients, outbox, audit, terms


def percentiles(seconds):
    s = sorted(seconds)
    return " ".join(f"p{p} {s[min(len(s) - 1, len(s) * p // 100)] * 1e3:.3f}" for p in (50, 95, 99)) + " ms"


def register_floor(db, path, sql, clinic, device, count=3000):
    """One patient per transaction, timed; the bare commit beside it; then frames per registration."""
    def register(p, o, a, t):
        db.execute("BEGIN IMMEDIATE")
        db.execute("SELECT id FROM patients WHERE clinic_id = ? AND cpf = ? AND deleted = 0",
                   (clinic, p[0][4])).fetchall()
        for table, rows in (("patients", p), ("outbox", o[:1]), ("patient_search_terms", t), ("audit_log", a),
                            ("outbox", o[1:])):
            for row in rows:
                db.execute(sql[table], row)
    bare = sqlite3.connect(path + "-bare.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL"):
        bare.execute("PRAGMA " + pragma)
    bare.execute("CREATE TABLE bare (id TEXT PRIMARY KEY, payload TEXT)")
    whole, statements, commits, bares = [], [], [], []
    for p, o, a, t in list(batches(count, 1, clinic, device)):
        t0 = time.perf_counter()
        register(p, o, a, t)
        t1 = time.perf_counter()
        db.execute("COMMIT")
        t2 = time.perf_counter()
        whole.append(t2 - t0), statements.append(t1 - t0), commits.append(t2 - t1)
        b0 = time.perf_counter()
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO bare VALUES (?, ?)", (uuid7(), "x" * 100))
        bare.execute("COMMIT")
        bares.append(time.perf_counter() - b0)
    print(f"sqlite {sqlite3.sqlite_version}, {count} registrations, load {os.getloadavg()[0]:.2f}")
    for name, values in (("registration", whole), ("  statements", statements), ("  COMMIT", commits),
                         ("bare commit", bares)):
        print(f"  {name:14s} {percentiles(values)}")
    frames, by_btree, probes = 0, {}, 200
    for p, o, a, t in list(batches(probes, 1, clinic, device)):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        register(p, o, a, t)
        db.execute("COMMIT")
        owner = dict((page, name) for name, page in db.execute("SELECT name, pageno FROM dbstat"))
        with open(path + "-wal", "rb") as wal:
            data = wal.read()
        page_size, offset = db.execute("PRAGMA page_size").fetchone()[0], 32  # WAL header, then frames
        while offset + 24 + page_size <= len(data):
            name = owner.get(int.from_bytes(data[offset:offset + 4], "big"), "(other)")
            by_btree[name] = by_btree.get(name, 0) + 1
            frames += 1
            offset += 24 + page_size
    print(f"  WAL frames per registration: {frames / probes:.1f}")
    for name, n in sorted(by_btree.items(), key=lambda kv: -kv[1]):
        print(f"    {n / probes:5.2f}  {name}")


def main():
    source = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    variant = sys.argv[3] if len(sys.argv) > 3 else "all"
    with tempfile.TemporaryDirectory() as d:
        db = sqlite3.connect(os.path.join(d, "floor.db"), isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "cache_size = -65536", "foreign_keys = ON"):
            db.execute("PRAGMA " + pragma)
        for ddl in schema(source):
            db.execute(ddl)
        clinic, device = uuid7(), uuid7()
        sql = {t: None for t in TABLES}
        for t in TABLES:
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({t})") if not (t == "outbox" and r[1] == "seq")]
            sql[t] = f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        if variant == "register":
            for patients, outbox, audit, terms in batches(n, 1000, clinic, device):
                db.execute("BEGIN IMMEDIATE")
                for table, rows in (("patients", patients), ("outbox", outbox), ("audit_log", audit),
                                    ("patient_search_terms", terms)):
                    db.executemany(sql[table], rows)
                db.execute("COMMIT")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("PRAGMA wal_autocheckpoint = 10000")  # the desktop writer's backstop (Checkpointer)
            register_floor(db, os.path.join(d, "floor.db"), sql, clinic, device)
            return
        work = list(batches(n, 1000, clinic, device))
        cpu = dict.fromkeys(TABLES + ("commit",), 0.0)
        wall = time.perf_counter()
        for patients, outbox, audit, terms in work:
            db.execute("BEGIN IMMEDIATE")
            for table, rows in (("patients", patients), ("outbox", outbox), ("audit_log", audit),
                                ("patient_search_terms", terms)):
                if table == "patient_search_terms" and variant == "no-terms":
                    continue
                c0 = time.process_time()
                db.executemany(sql[table], rows)
                cpu[table] += time.process_time() - c0
            c0 = time.process_time()
            db.execute("COMMIT")
            cpu["commit"] += time.process_time() - c0
        wall = time.perf_counter() - wall
        print(f"sqlite {sqlite3.sqlite_version}, {n} patients, variant {variant}, load {os.getloadavg()[0]:.2f}")
        for k, v in cpu.items():
            print(f"  {k:22s} {v / n * 1e6:6.1f} us CPU per patient")
        print(f"  {'total':22s} {sum(cpu.values()) / n * 1e6:6.1f} us CPU per patient; {n / wall:,.0f} patients/s wall")


if __name__ == "__main__":
    main()
