-- A user's NIP (Nomor Induk Pegawai, 18 digits; issue 15), printed under
-- their name where they sign or initial a report. Empty: none (contract
-- staff have no NIP).
ALTER TABLE users ADD COLUMN nip TEXT NOT NULL DEFAULT '';
