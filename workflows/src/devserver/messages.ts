/** What the local Temporal dev server support says, in English and Vietnamese. */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

const en = {
  reusing: 'Using the local Temporal dev server started earlier (pid {pid}) at {address}.',
  starting: 'Starting a local Temporal dev server ({cli}) at {address}; its data is kept in {db}.',
  started: 'Temporal dev server running at {address} (pid {pid}); it keeps running after this program.',
  uiAt: 'Temporal Web UI: {url}',
  stopHint: 'Stop it with: {command}',
  stalePid: 'The dev server recorded in {file} (pid {pid}) is gone; starting a new one.',
  notAnswering:
    'The dev server recorded in {file} (pid {pid}) does not answer at {address}; starting a new one.',
  portsBusy: 'Port {port} is taken; using free ports {frontend} (gRPC) and {ui} (UI).',
  searchAttributesAdded: 'Registered the search attributes {names} on namespace {namespace}.',
  downloading: 'Downloading the Temporal dev server (needs internet)…',
  downloaded: 'Temporal dev server (downloaded) running at {address}.',
  codecDiffers:
    "That server's Web UI decodes payloads with the codec endpoint {theirs}, not {ours}: set it in the UI (Settings > Codec Server) or restart the server ({command}).",
  none: 'none',
  // Reasons (one line each).
  spawnFailed: 'Cannot start {cli}: {reason}',
  exitedEarly: 'The Temporal dev server exited ({code}) before answering: {line} (log: {log})',
  startTimeout: 'The Temporal dev server did not answer at {address} within {seconds} s: {line} (log: {log})',
  downloadFailed:
    'No Temporal CLI found and the dev server download failed: {reason}. Install the CLI (npm run temporal:install) or set TEMPORAL_CLI_PATH / TEMPORAL_ADDRESS.',
  downloadTimeout: 'the download did not finish within {seconds} s',
  aborted: 'Stopped on request.',
  noLog: 'no output',
  // `devserver stop`.
  stopped: 'Stopped the Temporal dev server (pid {pid}).',
  notRunning: 'No Temporal dev server of this project is running ({file}).',
};

export type DevServerMessageKey = keyof typeof en;

const vi: Record<DevServerMessageKey, string> = {
  reusing: 'Dùng máy chủ Temporal dev cục bộ đã khởi động trước đó (pid {pid}) tại {address}.',
  starting: 'Đang khởi động máy chủ Temporal dev cục bộ ({cli}) tại {address}; dữ liệu được lưu trong {db}.',
  started:
    'Máy chủ Temporal dev đang chạy tại {address} (pid {pid}); nó vẫn chạy tiếp sau khi chương trình này kết thúc.',
  uiAt: 'Giao diện web Temporal: {url}',
  stopHint: 'Dừng máy chủ bằng: {command}',
  stalePid: 'Máy chủ dev ghi trong {file} (pid {pid}) không còn chạy; đang khởi động máy chủ mới.',
  notAnswering:
    'Máy chủ dev ghi trong {file} (pid {pid}) không trả lời tại {address}; đang khởi động máy chủ mới.',
  portsBusy: 'Cổng {port} đã bị dùng; dùng các cổng trống {frontend} (gRPC) và {ui} (giao diện).',
  searchAttributesAdded: 'Đã đăng ký các thuộc tính tìm kiếm {names} trên namespace {namespace}.',
  downloading: 'Đang tải máy chủ Temporal dev (cần internet)…',
  downloaded: 'Máy chủ Temporal dev (đã tải về) đang chạy tại {address}.',
  codecDiffers:
    'Giao diện web của máy chủ đó giải mã payload bằng codec endpoint {theirs}, không phải {ours}: đặt lại trong giao diện (Settings > Codec Server) hoặc khởi động lại máy chủ ({command}).',
  none: 'không có',
  spawnFailed: 'Không khởi động được {cli}: {reason}',
  exitedEarly: 'Máy chủ Temporal dev đã thoát ({code}) trước khi trả lời: {line} (nhật ký: {log})',
  startTimeout:
    'Máy chủ Temporal dev không trả lời tại {address} trong vòng {seconds} giây: {line} (nhật ký: {log})',
  downloadFailed:
    'Không tìm thấy Temporal CLI và tải máy chủ dev thất bại: {reason}. Hãy cài CLI (npm run temporal:install) hoặc đặt TEMPORAL_CLI_PATH / TEMPORAL_ADDRESS.',
  downloadTimeout: 'tải về không xong trong vòng {seconds} giây',
  aborted: 'Đã dừng theo yêu cầu.',
  noLog: 'không có đầu ra',
  stopped: 'Đã dừng máy chủ Temporal dev (pid {pid}).',
  notRunning: 'Không có máy chủ Temporal dev nào của dự án này đang chạy ({file}).',
};

export const devServerMessages: Catalog<DevServerMessageKey> = { en, vi };

export function devServerTranslator(language: Language): Translate<DevServerMessageKey> {
  return createTranslator(devServerMessages, language);
}
