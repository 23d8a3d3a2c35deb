import { streamHarFile, type WorkerMessage } from './har-file-import.ts';

/**
 * The panel's HAR import worker: given `{ file }`, it reads the file through the streamed import and
 * posts its progress (a few times a second) and then its result. The panel ends it with
 * `terminate()` when the user cancels, so it needs no other message.
 */
type WorkerScope = {
  onmessage: ((event: MessageEvent<{ file: Blob }>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { file } = event.data;
  void streamHarFile(file, { onProgress: (progress) => scope.postMessage({ kind: 'progress', ...progress }), progressEveryMs: 100 }).then((result) =>
    scope.postMessage({ kind: 'done', result }),
  );
};
