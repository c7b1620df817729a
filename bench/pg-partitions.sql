-- Issue 23's prototype, tried and dropped (docs/PERFORMANCE.md, "Forget on PostgreSQL at 1,000,000"): the tables a
-- forget rewrites, rebuilt partitioned by a hash of the person each row is with (a column `party`), so that VACUUM
-- FULL could rewrite only the partitions that held the person's rows. Run by bench/pg-partitions.sh on a copy of a
-- database motivo imported into, with the partition count in the setting motivo.partitions. Not a migration: the
-- foreign keys to invitations(id) and connections(id) are dropped (a partitioned table's unique keys must hold its
-- partition key), and every unique key gains `party` (people: its id), which loses their meaning. Each table and
-- each index is committed on its own (DO at the top level may): 256 partitions of five tables in one transaction
-- take more locks than the server's lock table holds.
DO $$
DECLARE
  n int := current_setting('motivo.partitions')::int;
  tabs text[] := ARRAY['people', 'invitations', 'messages', 'connections', 'message_words'];
  -- The person each row is with, over the old table `o` (message_words: its message's, joined as `m`).
  party text[] := ARRAY['o.id', 'CASE WHEN o.direction = ''incoming'' THEN o.from_person ELSE o.to_person END',
                        'coalesce(o.counterpart, o.from_person, o.owner)', 'coalesce(o.person, o.owner)', 'm.party'];
  later text[] := '{}';
  fks text[] := '{}';
  r record;
  t text;
  k text;
BEGIN
  -- Foreign keys from or to the tables: dropped; those to people (partitioned by its id) added again at the end.
  FOR r IN SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def,
                  confrelid::regclass::text AS target
           FROM pg_constraint
           WHERE contype = 'f' AND (conrelid::regclass::text = ANY (tabs) OR confrelid::regclass::text = ANY (tabs)) LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
    IF r.target = 'people' THEN
      fks := fks || format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname, r.def);
    END IF;
  END LOOP;
  FOR i IN 1 .. array_length(tabs, 1) LOOP
    t := tabs[i];
    k := CASE t WHEN 'people' THEN 'id' ELSE 'party' END;
    -- The primary key, the other indexes (a unique one with the partition key added) and the triggers, for later.
    FOR r IN SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'p' AND conrelid = t::regclass LOOP
      later := later || format('ALTER TABLE %I ADD %s', t,
                               CASE WHEN k = 'id' THEN r.def ELSE regexp_replace(r.def, '\)$', ', party)') END);
    END LOOP;
    FOR r IN SELECT pg_get_indexdef(x.indexrelid) AS def, x.indisunique AS uniq FROM pg_index x
             WHERE x.indrelid = t::regclass AND NOT x.indisprimary LOOP
      later := later || CASE WHEN r.uniq THEN regexp_replace(r.def, 'USING btree \(([^)]*)\)', 'USING btree (\1, ' || k || ')')
                             ELSE r.def END;
    END LOOP;
    FOR r IN SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = t::regclass AND NOT tgisinternal LOOP
      later := later || r.def;
    END LOOP;
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_old');
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS%s) PARTITION BY HASH (%s)', t,
                   t || '_old', CASE WHEN k = 'id' THEN '' ELSE ', party bigint NOT NULL' END, k);
    FOR p IN 0 .. n - 1 LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS %s, REMAINDER %s)', t || '_p' || p, t, n, p);
    END LOOP;
    EXECUTE format('INSERT INTO %I SELECT o.*%s FROM %I o %s', t, CASE WHEN k = 'id' THEN '' ELSE ', ' || party[i] END,
                   t || '_old', CASE WHEN t = 'message_words' THEN 'JOIN messages m ON m.id = o.message' ELSE '' END);
    COMMIT;
  END LOOP;
  FOREACH t IN ARRAY tabs LOOP
    EXECUTE format('DROP TABLE %I', t || '_old');
    COMMIT;
  END LOOP;
  FOREACH t IN ARRAY later || fks LOOP
    EXECUTE t;
    COMMIT;
  END LOOP;
END $$;
