CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous text;
BEGIN
    -- Under READ COMMITTED each statement below sees what committed before the lock was granted; a
    -- transaction-wide snapshot could miss the entry it must follow and fork the chain.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'audit_log được ghi trong giao dịch READ COMMITTED / audit_log is written under READ COMMITTED, not %',
            current_setting('transaction_isolation');
    END IF;
    -- One writer at a time extends the chain, until it commits or rolls back.
    PERFORM pg_advisory_xact_lock(12, 0);
    -- The id is taken under the lock, so id order is chain order.
    NEW.id := nextval(pg_get_serial_sequence(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), 'id'));
    EXECUTE format('SELECT hash FROM %I.%I ORDER BY id DESC LIMIT 1', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO previous;
    NEW.hash := audit_log_entry_hash(NEW.id, NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.entity_key, NEW.unit_id, NEW.details, previous);
    RETURN NEW;
END $$;
