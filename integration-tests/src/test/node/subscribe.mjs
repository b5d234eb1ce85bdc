// Subscribes with the npm graphql-ws client (graphql-transport-ws) and prints each message as one JSON line.
// usage: node subscribe.mjs <ws-url> <subscription> <count> [timeout-ms]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, query, count, timeoutMs = '30000'] = process.argv.slice(2);
const wanted = Number(count);
const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
let received = 0;

const timer = setTimeout(() => {
  console.error(`timeout: ${received} of ${wanted} messages`);
  process.exit(3);
}, Number(timeoutMs));

const unsubscribe = client.subscribe({ query }, {
  next: (message) => {
    console.log(JSON.stringify({ type: 'next', payload: message }));
    received += 1;
    if (received >= wanted) {
      clearTimeout(timer);
      unsubscribe();
      client.dispose();
      process.exit(0);
    }
  },
  error: (error) => {
    console.log(JSON.stringify({ type: 'error', payload: Array.isArray(error) ? error : String(error) }));
    clearTimeout(timer);
    process.exit(2);
  },
  complete: () => {
    console.log(JSON.stringify({ type: 'complete' }));
    clearTimeout(timer);
    process.exit(0);
  },
});
