import { Registry } from 'prom-client';

/**
 * The one Prometheus registry every gateway metric is registered on, served at /metrics. Metrics are created once
 * per process at module load (several gateway apps in one test process share them), never per app instance.
 */
export const metricsRegistry = new Registry();
