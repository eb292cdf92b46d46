-- Webhook secrets are stored encrypted ('v1:' and base64 of AES-GCM), which takes more room.
ALTER TABLE rules ALTER COLUMN webhook_secret TYPE text;
ALTER TABLE webhook_deliveries ALTER COLUMN secret TYPE text;
