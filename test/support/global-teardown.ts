import { rmSync } from 'fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__ipmStopRedis?.();
  await globalThis.__ipmDropAppRole?.();
  await globalThis.__ipmStopDatabase?.();
  if (process.env.IPM_TEST_DATA_DIR) rmSync(process.env.IPM_TEST_DATA_DIR, { recursive: true, force: true });
}
