/**
 * Runs a job in a Web Worker when the browser has one, else (jsdom, a worker that cannot start: a policy, a failed
 * chunk) on this thread. `createWorker` keeps `new Worker(new URL(...))` in the caller, where the bundler sees it.
 * The message is copied, not transferred, so the fallback still has the same bytes.
 */
export async function inWorkerOrHere<T>(createWorker: () => Worker, message: unknown, here: () => Promise<T> | T): Promise<T> {
  if (typeof Worker !== 'undefined') {
    try {
      return await runInWorker<T>(createWorker, message);
    } catch {
      // The worker failed: run here instead.
    }
  }
  return here();
}

function runInWorker<T>(createWorker: () => Worker, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = createWorker();
    worker.onmessage = (event: MessageEvent<{ type: 'result'; result: T }>) => {
      worker.terminate();
      resolve(event.data.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error('worker failed'));
    };
    worker.postMessage(message);
  });
}
