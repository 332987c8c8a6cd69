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

    usage: bench/local-write-floor.py SCHEMA_DB [patients=100000] [variant=all|no-terms]
Prints CPU microseconds per patient for each statement batch and for COMMIT, and rows/s.
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


def batches(n, batch, clinic, device):
    fv = json.dumps({f: 117681485915422720 for f in ("address", "birth_date", "cpf", "email", "full_name", "notes",
                                                     "phone", "search_name", "sex", "social_name")}, sort_keys=True)
    for _ in range(n // batch):
        patients, outbox, audit, terms = [], [], [], []
        for _ in range(batch):
            words = [random.choice(FIRST), random.choice(FIRST), random.choice(LAST), random.choice(LAST)]
            name, search = " ".join(w.capitalize() for w in words), " ".join(words)
            pid, cpf, phone = uuid7(), "%011d" % random.randrange(10**11), "11%09d" % random.randrange(10**9)
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
