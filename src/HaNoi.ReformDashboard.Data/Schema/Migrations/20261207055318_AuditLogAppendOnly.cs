using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaNoi.ReformDashboard.Data.Schema.Migrations
{
    /// <summary>
    /// An audit log that holds (issue 19): audit_log becomes append-only and hash-chained.
    /// <list type="bullet">
    /// <item><c>audit_log_entry_hash(...)</c>: SHA-256 of an entry's canonical text and the previous entry's hash, the
    /// rule written out in docs/audit-log.md; <c>reform audit verify</c> recomputes it in C# (<see cref="Audit.AuditChain"/>).</item>
    /// <item>A BEFORE INSERT trigger takes a transaction-scoped advisory lock, gives the row the next id (so id order is
    /// chain order even when writers overlap) and sets its hash over the last entry's.</item>
    /// <item>A statement trigger refuses UPDATE, DELETE and TRUNCATE, for every role.</item>
    /// <item>The table owner and PUBLIC lose UPDATE, DELETE and TRUNCATE: the app, which connects as the owner or as a
    /// role granted only INSERT and SELECT, cannot change an entry even with the trigger gone.</item>
    /// </list>
    /// The foreign key to units goes: an entry must outlive a replaced catalogue (<c>seed fullsize --replace</c>).
    /// </summary>
    public partial class AuditLogAppendOnly : Migration
    {
        internal const string UpSql = """
            -- The canonical text of an entry (version line, then each field as <UTF-8 byte length>:<value> and a line feed,
            -- time in UTC to the microsecond, no unit as empty, details as PostgreSQL prints jsonb) and its SHA-256 in hex.
            -- docs/audit-log.md defines it; AuditChain.cs is its C# twin.
            CREATE FUNCTION audit_log_entry_hash(entry_id bigint, entry_at timestamptz, entry_actor text, entry_action text,
                                                 entry_entity text, entry_entity_key text, entry_unit_id integer, entry_details jsonb,
                                                 previous_hash text)
            RETURNS text LANGUAGE sql STABLE AS $$
                SELECT encode(sha256(convert_to(
                    E'audit_log v1\n' || string_agg(octet_length(f) || ':' || f || E'\n', '' ORDER BY n), 'UTF8')), 'hex')
                FROM unnest(ARRAY[
                    entry_id::text,
                    to_char(entry_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    entry_actor, entry_action, entry_entity, entry_entity_key,
                    coalesce(entry_unit_id::text, ''),
                    entry_details::text,
                    coalesce(previous_hash, '')]) WITH ORDINALITY AS t(f, n)
            $$;

            -- Existing entries, chained in id order.
            DO $$
            DECLARE
                e record;
                previous text := '';
            BEGIN
                FOR e IN SELECT * FROM audit_log ORDER BY id LOOP
                    previous := audit_log_entry_hash(e.id, e.at, e.actor, e.action, e.entity, e.entity_key, e.unit_id, e.details, previous);
                    UPDATE audit_log SET hash = previous WHERE id = e.id;
                END LOOP;
            END $$;
            ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;

            -- The id is given by the chain trigger alone, under its lock: an identity default would take a number before
            -- the lock (out of chain order) and the trigger a second one. (EF's model still calls the column an identity;
            -- it only needs the database to give the id.)
            ALTER TABLE audit_log ALTER COLUMN id DROP IDENTITY;
            CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
            SELECT setval('audit_log_id_seq', coalesce(max(id), 0) + 1, false) FROM audit_log;

            CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
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
            CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

            CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'Nhật ký kiểm tra chỉ được ghi thêm: lệnh % bị từ chối. / The audit log is append-only: % refused.', TG_OP, TG_OP;
            END $$;
            -- A statement trigger fires even when no row matches, and is the only kind TRUNCATE has.
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

            -- Privileges: the owner's own UPDATE, DELETE and TRUNCATE are revoked too (an owner's privileges are ordinary
            -- ACL entries), so the app's statements cannot change an entry even if the trigger were dropped. This does
            -- not stop the owner from granting them back or disabling the trigger on purpose, nor a superuser (the
            -- embedded local cluster connects as one), who bypasses privileges and can set session_replication_role to
            -- replica: what the database cannot refuse, the hash chain detects (reform audit verify).
            DO $$
            BEGIN
                EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC, %s',
                    (SELECT relowner::regrole FROM pg_class WHERE oid = 'audit_log'::regclass));
            END $$;
            """;

        internal const string DownSql = """
            DROP TRIGGER audit_log_append_only ON audit_log;
            DROP TRIGGER audit_log_chain ON audit_log;
            DROP FUNCTION audit_log_refuse_change();
            DROP FUNCTION audit_log_chain();
            DROP FUNCTION audit_log_entry_hash(bigint, timestamptz, text, text, text, text, integer, jsonb, text);
            DROP SEQUENCE audit_log_id_seq;
            ALTER TABLE audit_log ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;
            SELECT setval(pg_get_serial_sequence('audit_log', 'id'), coalesce(max(id), 0) + 1, false) FROM audit_log;
            DO $$
            BEGIN
                EXECUTE format('GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO %s',
                    (SELECT relowner::regrole FROM pg_class WHERE oid = 'audit_log'::regclass));
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_audit_log_units_unit_id",
                table: "audit_log");

            // Nullable in the model (the app never sets it); NOT NULL in the table once the existing rows are hashed.
            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "audit_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql(UpSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DownSql);

            migrationBuilder.DropColumn(
                name: "hash",
                table: "audit_log");

            // Entries may name units that are gone since: the key is checked for new rows only.
            migrationBuilder.Sql("""
                ALTER TABLE audit_log ADD CONSTRAINT "FK_audit_log_units_unit_id" FOREIGN KEY (unit_id) REFERENCES units (id)
                    ON DELETE RESTRICT NOT VALID;
                """);
        }
    }
}
