#!/usr/bin/env bash
# The two-worker load run in BENCHMARKS.md: a Chroma server on loopback, the sample archive
# ingested into it, `referat serve --workers 2`, then bench/load.py for 60 s (bounded); extra
# arguments go to bench/load.py (e.g. --new-questions).
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
pkill -f "chroma run --path /tmp/load-chroma" 2>/dev/null
rm -rf /tmp/load-chroma /tmp/load-data
chroma run --path /tmp/load-chroma --host 127.0.0.1 --port 8801 > /tmp/load-chroma.log 2>&1 &
CHROMA=$!
sleep 4
export REFERAT_CHROMA_URL=http://127.0.0.1:8801 REFERAT_CACHE_DIR=data/sample
export REFERAT_EMBED_THREADS=1 REFERAT_DATA_DIR=/tmp/load-data REFERAT_PUBLIC_READ=1 REFERAT_RATE_LIMIT_PER_MINUTE=1000000
referat ingest examples/seeds > /dev/null
referat ingest examples/steinkjer --municipality Steinkjer > /dev/null
referat ingest examples/greve --municipality Greve > /dev/null
referat stats --json
referat serve --port 8765 --workers 2 > /tmp/load-serve.log 2>&1 &
SERVE=$!
sleep 12
python bench/load.py --url http://127.0.0.1:8765 --clients 50 --seconds 60 "$@"
echo "worker RSS (MB):"; for p in $(pgrep -f "multiprocessing.spawn|referat --data-dir|referat serve"); do awk '/VmRSS/{print $2/1024}' /proc/$p/status 2>/dev/null; done
kill $SERVE; sleep 2; pkill -f "referat serve --port 8765"; kill $CHROMA
