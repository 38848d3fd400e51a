# The proxy image the Kubernetes examples name (ghcr.io/pgtopo/pgtopo:<version>): pgtopo's builtin proxy and
# Pgpool-II on Debian, run as an unprivileged user with nothing to write but the pod's /run/pgtopo (an emptyDir).
# The Deployment's argument picks the engine; providers/kubernetes/image/proxy-entrypoint.sh runs it.
# CI has no container runtime, so this file is never built there: review it by reading (providers/kubernetes/README.md).
FROM node:24-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends pgpool2 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/pgtopo
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY bin ./bin
COPY cli ./cli
COPY engine ./engine
COPY providers ./providers
COPY proxy-tier ./proxy-tier
COPY proxy ./proxy
COPY schemas ./schemas
COPY spelling ./spelling
RUN ln -s /opt/pgtopo/bin/pgtopo /usr/local/bin/pgtopo \
 && install -m 0755 providers/kubernetes/image/proxy-entrypoint.sh /usr/local/bin/pgtopo-proxy-entrypoint

# Numeric, so the pod's runAsNonRoot can check it.
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/pgtopo-proxy-entrypoint"]
CMD ["builtin"]
