import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/** Starts the bot server: config from the environment, listen on HOST:PORT (loopback by default). */
async function main(): Promise<void> {
  const config = loadConfig();
  const built = await buildApp(config);
  const server = built.app.listen(config.PORT, config.HOST, () => {
    const base = `http://${config.HOST}:${config.PORT}`;
    built.log.info({ store: built.database.location, chat: `${base}/chat`, agents: `${base}/agent` }, `listening on ${base}`);
  });
  // Issue 5: WebSocket upgrades for Direct Line streams and the agents' console.
  server.on('upgrade', (req, socket, head) => built.web.handleUpgrade(req, socket, head));
  const stop = () => {
    void built.web.close(); // Issue 5: end open WebSockets, or server.close never finishes.
    server.close(() => void built.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('启动失败：', error);
  process.exit(1);
});
