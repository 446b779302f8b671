# tc-audit image: Debian bookworm-slim with node 20, iproute2 and bpftool >= 7.3 (bookworm
# itself ships 7.1, which cannot list tcx attachments, hence bookworm-backports).
# Build from the repository root: docker build -t tc-audit .

# Stage 1: build and pack exactly what npm would publish.
FROM node:20-bookworm-slim AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && mkdir /out && npm pack --ignore-scripts --pack-destination /out

# Stage 2: runtime with the tools tc-audit drives (nsenter comes with util-linux in the base).
FROM node:20-bookworm-slim
RUN echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/backports.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends -t bookworm-backports bpftool iproute2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=pack /out/ /tmp/pkg/
RUN npm install -g --omit=dev /tmp/pkg/tc-audit-*.tgz \
 && rm -rf /tmp/pkg /root/.npm
# Root is required for the capabilities the manifests add (deploy/daemonset.yaml).
USER root
ENTRYPOINT ["tc-audit"]
CMD ["watch"]
