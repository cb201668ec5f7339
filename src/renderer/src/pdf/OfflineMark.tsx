import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { getPdfStore, usePdfStore } from './pdf-store';

/**
 * The list's "available offline" mark: shown when the paper's PDF is saved on
 * this computer. It subscribes on its own, so rows re-render only when it changes.
 */
export function OfflineMark({ paperId }: { paperId: string }) {
  const { backend } = useStores();
  const isCached = usePdfStore(getPdfStore(backend), (s) => s.isCached(paperId));
  if (!isCached) return null;
  return (
    <span className="row-offline" title="PDF available offline">
      <Icon name="file" size={13} />
      <span className="visually-hidden">PDF available offline</span>
    </span>
  );
}
