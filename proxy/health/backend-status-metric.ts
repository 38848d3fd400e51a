// The name of the series that says each backend's status and role, apart from the code that registers it
// (backend-metrics.ts, with prom-client): `pgtopo status` parses it from a proxy's /metrics without loading that.
export const BACKEND_STATUS_METRIC = 'pgtopo_proxy_backend_status';
