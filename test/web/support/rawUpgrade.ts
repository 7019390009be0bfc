import { connect } from 'node:net';

/**
 * Sends a WebSocket upgrade request for any raw path (even one no URL class would build, such
 * as `//[`) and resolves with the server's status line, or 'closed' if it hung up without one.
 */
export function rawUpgrade(baseUrl: string, rawPath: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${rawPath} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    const done = () => resolve(received.split('\r\n')[0] || 'closed');
    socket.on('data', (chunk) => {
      received += String(chunk);
    });
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(() => socket.destroy(), 3000);
  });
}
