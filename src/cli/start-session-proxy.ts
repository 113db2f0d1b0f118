import type { ProxyOptions, RunningProxy } from '../proxy/proxy-options.js';
import { startProxyServer } from '../proxy/start-proxy-server.js';
import { UserFacingError } from './config-error.js';

/** startProxyServer, with the one failure a user causes (a busy --port) turned into a line with the fix. */
export async function startSessionProxy(options: ProxyOptions & { port?: number | undefined }): Promise<RunningProxy> {
  try {
    return await startProxyServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (options.port !== undefined && (code === 'EADDRINUSE' || code === 'EACCES')) {
      throw new UserFacingError(
        `cannot listen on 127.0.0.1:${options.port} (${code === 'EADDRINUSE' ? 'port in use' : 'permission denied'}); pass another --port, or none to pick a free one`,
      );
    }
    throw error;
  }
}
