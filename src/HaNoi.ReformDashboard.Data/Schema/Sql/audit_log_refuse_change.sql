CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Nhật ký kiểm tra chỉ được ghi thêm: lệnh % bị từ chối. / The audit log is append-only: % refused.', TG_OP, TG_OP;
END $$;
