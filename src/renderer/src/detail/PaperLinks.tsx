import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl, isArxivId } from '../../../shared/arxiv-id';
import type { Paper } from '../../../shared/domain';
import { safeExternalUrl } from '../api/client';
import { useStores } from '../state/stores';
import { Icon, type IconName } from '../ui/Icon';

interface PaperLink {
  label: string;
  url: string;
  icon: IconName;
}

/** Only http(s) links are shown; each opens outside the app. */
export function paperLinks(paper: Pick<Paper, 'id' | 'githubRepo' | 'projectPage'>): PaperLink[] {
  const links: PaperLink[] = [];
  if (isArxivId(paper.id)) {
    links.push({ label: 'arXiv', url: arxivAbsUrl(paper.id), icon: 'external' });
    links.push({ label: 'PDF', url: arxivPdfUrl(paper.id), icon: 'file' });
    links.push({ label: 'Hugging Face', url: hfPaperUrl(paper.id), icon: 'globe' });
  }
  const code = safeExternalUrl(paper.githubRepo);
  if (code) links.push({ label: 'Code', url: code, icon: 'code' });
  const project = safeExternalUrl(paper.projectPage);
  if (project) links.push({ label: 'Project page', url: project, icon: 'globe' });
  return links;
}

export function PaperLinks({ paper }: { paper: Pick<Paper, 'id' | 'githubRepo' | 'projectPage'> }) {
  const { backend } = useStores();
  const links = paperLinks(paper);
  if (links.length === 0) return null;
  return (
    <ul className="links" aria-label="Links">
      {links.map((link) => (
        <li key={link.label}>
          <a
            className="link-chip"
            href={link.url}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(event) => {
              event.preventDefault();
              backend.openExternal(link.url);
            }}
          >
            <Icon name={link.icon} size={13} />
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
