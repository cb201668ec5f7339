import { useState } from 'react';
import { CITATION_STYLE_LABELS, CITATION_STYLES } from '../../../shared/citation-styles';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { MenuButton } from '../ui/Menu';
import { copyCitation, preferredCitationStyle } from './cite';

/** "Cite": copy BibTeX or a formatted reference of these papers; `c` repeats the last choice. */
export function CiteMenu({ ids }: { ids: string[] }) {
  const { backend } = useStores();
  const [preferred, setPreferred] = useState(preferredCitationStyle);
  return (
    <MenuButton
      label="Cite: copy a citation"
      className="button"
      icon={
        <>
          <Icon name="quote" size={14} />
          Cite
        </>
      }
      items={CITATION_STYLES.map((style) => ({
        label: `${CITATION_STYLE_LABELS[style]}${style === preferred ? ' (c)' : ''}`,
        onSelect: () => {
          setPreferred(style);
          void copyCitation(backend.api, ids, style);
        },
      }))}
    />
  );
}
