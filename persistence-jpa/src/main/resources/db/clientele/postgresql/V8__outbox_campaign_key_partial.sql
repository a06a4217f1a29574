-- Clientele: a campaign mails a client at most once, now held by a partial unique index.
-- As a full constraint, (tenant_id, campaign_id, client_id) also served the planner for lookups of a
-- chunk's clients by client_id alone (mail activity and cooldown): it scanned every outbox row the
-- studio has in the index and filtered, so a long campaign's chunks grew slower as its rows
-- accumulated, until the next ANALYZE. The index only covers rows that have a campaign, so those
-- lookups take outbox_client_idx, and the campaign's own lookups (campaign_id = ?) still use it.
-- Rows without a campaign never collided (nulls are distinct), so what is refused is unchanged.
ALTER TABLE outbox DROP CONSTRAINT outbox_campaign_client_uq;
CREATE UNIQUE INDEX outbox_campaign_client_uq ON outbox (tenant_id, campaign_id, client_id)
    WHERE campaign_id IS NOT NULL;
