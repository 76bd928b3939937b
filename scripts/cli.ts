// Shared start of the maintenance scripts: the same configuration as the server, one line on a bad variable.
import { ConfigError, loadConfig, type Config } from '../src/config.ts';

export function configOrExit(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`配置错误 / configuration error: ${err.message}`);
    process.exit(2);
  }
}
