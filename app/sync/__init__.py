"""Sync bundles between installations (SYNC.md): keys, signed key files, the `.dvb` bundle file.

Qt-free and storage-free: these modules take and return plain values and files; the import pipeline, receipts
and the database wiring sit on top of them.

- `canonical` — the exact bytes that are signed (canonical JSON);
- `keys` — an installation's key pair, its fingerprint, and the sealed private-key file;
- `keyfile` — the public identity as a self-signed `.dvkey` file;
- `bundle` — writing, reading and verifying `.dvb` bundles;
- `channels` — carrying bundle files (USB, folder, WebDAV upload).
"""
