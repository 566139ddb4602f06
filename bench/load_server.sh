#!/usr/bin/env bash
# The load runs in BENCHMARKS.md: the sample archive behind `referat serve`, then bench/load.py
# (50 clients, 60 s, bounded, loopback only). Extra arguments go to bench/load.py, e.g.
#   bash bench/load_server.sh                   # one worker, embedded Chroma (the default serve)
#   bash bench/load_server.sh --new-questions   # every question unseen: the embedder always runs
#   WORKERS=2 bash bench/load_server.sh         # two workers sharing a Chroma server
# Needs the sample archive (`make sample`): it is copied, or re-ingested into a Chroma server.
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
WORKERS=${WORKERS:-1}
PORT=8765
export REFERAT_PUBLIC_READ=1 REFERAT_RATE_LIMIT_PER_MINUTE=1000000 REFERAT_DATA_DIR=/tmp/load-data
rm -rf /tmp/load-data /tmp/load-chroma
CHROMA=
if [ "$WORKERS" = 1 ]; then
  cp -r data/sample /tmp/load-data
else
  chroma run --path /tmp/load-chroma --host 127.0.0.1 --port 8801 > /tmp/load-chroma.log 2>&1 &
  CHROMA=$!
  sleep 4
  # one embedder thread per worker, so the workers do not fight over the cores
  export REFERAT_CHROMA_URL=http://127.0.0.1:8801 REFERAT_CACHE_DIR=data/sample REFERAT_EMBED_THREADS=1
  referat ingest examples/seeds > /dev/null
  referat ingest examples/steinkjer --municipality Steinkjer > /dev/null
  referat ingest examples/greve --municipality Greve > /dev/null
fi
referat stats --json
referat serve --port $PORT --workers "$WORKERS" > /tmp/load-serve.log 2>&1 &
SERVE=$!
sleep 12
PID=$(pgrep -f "multiprocessing.spawn" | head -1)
[ "$WORKERS" = 1 ] && PID=$SERVE
python bench/load.py --url http://127.0.0.1:$PORT --clients 50 --seconds 60 --pid "$PID" "$@"
echo "resident memory after the run (MB):"
for p in $SERVE $(pgrep -f "multiprocessing.spawn"); do
  awk -v p="$p" '/VmRSS/{printf "  pid %s: %.0f\n", p, $2/1024}' /proc/$p/status 2>/dev/null
done
kill $SERVE; sleep 2; pkill -f "referat serve --port $PORT"
[ -n "$CHROMA" ] && kill $CHROMA
exit 0
