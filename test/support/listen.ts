// Serves a test portal on a loopback port, so parallel clients really race over sockets.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestPortal } from './portal.ts';

export async function listen(portal: TestPortal): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(portal.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
