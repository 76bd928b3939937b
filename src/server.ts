// Starts the portal: reads config, opens the database, createApp(), listen. The only file with side effects.
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './data/db.ts';

const HOUR = 60 * 60 * 1000;

function start() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const db = openDatabase(config.databasePath);
  const portal = createApp({ config, db });
  const { log } = portal;
  // Printed before listening, so a failed start cannot swallow the only showing of the password.
  const { generatedPassword } = portal.firstAdmin;
  if (generatedPassword) {
    log.info(`help-desk console /console: first admin "admin", password (shown once; set CONSOLE_ADMIN_PASSWORD to choose one): ${generatedPassword}`);
  }
  const prune = async () => {
    // Expired SSO sessions end with single logout first, so pruning never deletes tickets still owed a logoutRequest.
    const ended = await portal.singleLogout.sweepExpired();
    try {
      const now = portal.clock.now();
      log.info({ ssoSessionsEnded: ended, deleted: { ...portal.store.housekeeping.pruneExpired(now), ...portal.wecom.pruneExpired(now) } }, 'pruned expired rows');
    } catch (err) {
      log.error({ err }, 'pruning expired rows failed');
    }
  };
  let pruning: NodeJS.Timeout | undefined;
  // Express 5 also calls this back when listening fails; the 'error' handler below reports that.
  const server = portal.app.listen(config.port, config.host, (err?: Error) => {
    if (err) return;
    const u = config.university;
    log.info(`${u.name}统一身份认证 simulator on http://${config.host}:${config.port}/authserver/login (database ${config.databasePath})`);
    if (!config.apiToken) log.info(`test-automation API token (set API_TOKEN to choose one): ${portal.apiToken.value}`);
    // Once listening: the services owed a logoutRequest include the WeCom app that this server itself serves.
    void portal.singleLogout.resume()
      .then((sent) => { if (sent > 0) log.info({ logoutRequests: sent }, 'sent the logoutRequests that a crash had cut off'); })
      .catch((err: unknown) => log.error({ err }, 'resuming single logout failed'))
      .finally(() => void prune());
    pruning = setInterval(() => void prune(), HOUR);
    pruning.unref();
  });
  server.on('error', (err) => {
    log.error({ err }, 'cannot listen');
    process.exit(1);
  });
  const stop = () => server.close(() => {
    clearInterval(pruning);
    db.close();
    process.exit(0);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

start();
