// A bounded wait: health checks and metric readings must answer in time whatever the database
// or a platform does.

/** The promise's value, its error, or 'timeout' after `ms` (the promise goes on). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | Error | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))), late]);
  } finally {
    clearTimeout(timer);
  }
}
