/** The status_changes columns a status write answers as a message's history (in JSON, by json_agg). */
export const HISTORY_COLUMNS = 'id, tenant_id, message_id, status, provider_status, source, at';

/** One history row as json_agg answers it. */
export interface HistoryRow {
  id: string;
  tenant_id: string;
  message_id: string;
  status: string;
  provider_status: string | null;
  source: string;
  at: string;
}
