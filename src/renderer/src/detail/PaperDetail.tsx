import { useState, type Ref } from 'react';
import { PopularitySparkline } from '../daily/PopularitySparkline';
import type { Paper, PaperSummary } from '../../../shared/domain';
import type { SearchMatch, TextRange } from '../../../shared/api';
import {
  abstractParagraphs,
  formatCount,
  formatDate,
  formatDay,
  paragraphRanges,
  rangesWithin,
} from '../lib/format';
import type { Actions } from '../state/actions';
import { useResource } from '../state/resource';
import { PdfSection } from '../pdf';
import { useStores } from '../state/stores';
import { Highlighted } from '../ui/Highlighted';
import { Icon } from '../ui/Icon';
import { CiteMenu } from './CiteMenu';
import { RelatedPapers, TagSuggestions, useDetailDiscovery } from './DiscoverySections';
import { NoteEditor } from './NoteEditor';
import { PaperLinks } from './PaperLinks';
import { StatusControls } from './StatusControls';
import { TagInput } from './TagInput';
import { useSearchMatches } from './use-search-matches';
import { hasMath, renderMathText } from '../lib/markdown';
import { LinkedFrom } from '../notes/LinkedFrom';
import { useNoteLinks } from '../notes/use-note-links';

const AUTHORS_SHOWN = 12;

/**
 * One paper. The list's summary draws the top at once; the full paper fills in
 * when it arrives. Everything from the feed is rendered as text.
 */
export function PaperDetail({
  summary,
  paper,
  error,
  actions,
  headingRef,
  tagInputRef,
  noteEditorRef,
  isWritingNote,
  onWritingNoteChange,
  onLeave,
  onOpenPaper,
  searchText = '',
}: {
  summary: PaperSummary | null;
  paper: Paper | null;
  error: string | null;
  actions: Actions;
  headingRef: Ref<HTMLHeadingElement>;
  tagInputRef: Ref<HTMLInputElement>;
  noteEditorRef: Ref<HTMLTextAreaElement>;
  isWritingNote: boolean;
  onWritingNoteChange: (writing: boolean) => void;
  onLeave: () => void;
  /** Open another paper (a related one) in the details. */
  onOpenPaper?: (id: string) => void;
  /** The active search, if any: what it matched is marked in the title and abstract. */
  searchText?: string;
}) {
  const { counts } = useStores();
  const matches = useSearchMatches(
    paper?.id ?? summary?.id ?? '',
    searchText,
    paper ? paper.updatedAt : null,
  );
  const { data: countData } = useResource(counts);
  const noteLinks = useNoteLinks(paper?.id ?? summary?.id ?? null);
  const [showAllAuthors, setShowAllAuthors] = useState(false);
  const base = paper ?? summary;
  const discovery = useDetailDiscovery(
    base?.id ?? '',
    `${paper?.updatedAt ?? ''}\u0000${(base?.tags ?? []).join('\u0000')}`,
  );
  if (!base) {
    return error ? (
      <div className="detail-empty" role="alert">
        {error}
      </div>
    ) : (
      <div className="detail-empty" aria-busy="true" />
    );
  }
  const id = base.id;
  const visibleAuthors = paper
    ? paper.authors.filter((a) => !a.hidden).map((a) => a.name)
    : (summary?.authors ?? []);
  const authorsShown = showAllAuthors ? visibleAuthors : visibleAuthors.slice(0, AUTHORS_SHOWN);
  const tags = paper?.tags ?? summary?.tags ?? [];
  const tagColors = new Map((countData?.tags ?? []).map((t) => [t.name.toLowerCase(), t.color]));

  return (
    <article className="paper" aria-labelledby="paper-title">
      <div className="paper-toolbar">
        <StatusControls
          status={base.status}
          starred={base.starred}
          onStatus={(status) => void actions.setStatus([id], status)}
          onStar={(starred) => void actions.setStarred([id], starred)}
        />
        <CiteMenu ids={[id]} />
        {paper && <PaperLinks paper={paper} />}
      </div>

      <h2 id="paper-title" className="paper-title" tabIndex={-1} ref={headingRef}>
        <Highlighted text={base.title} ranges={rangesFor(matches, 'title')} />
      </h2>

      <p className="paper-authors">
        {authorsShown.join(', ') || 'Unknown authors'}
        {visibleAuthors.length > AUTHORS_SHOWN && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setShowAllAuthors((v) => !v)}
            >
              {showAllAuthors ? 'Show fewer' : `and ${visibleAuthors.length - AUTHORS_SHOWN} more`}
            </button>
          </>
        )}
      </p>

      {paper && <PaperFacts paper={paper} />}

      <section className="detail-section" aria-label="Paper tags">
        <ul className="tag-list" aria-label="Tags on this paper">
          {tags.map((tag) => (
            <li key={tag} className="tag-pill">
              <span
                className="tag-dot"
                style={{ background: tagColors.get(tag.toLowerCase()) }}
                aria-hidden="true"
              />
              {tag}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => void actions.untagPapers([id], tag)}
              >
                ×
              </button>
            </li>
          ))}
          <li className="tag-add">
            <TagInput
              tags={countData?.tags ?? []}
              applied={tags}
              onAdd={(name) => void actions.tagPapers([id], name)}
              onLeave={onLeave}
              inputRef={tagInputRef}
            />
          </li>
        </ul>
        <TagSuggestions id={id} suggestions={discovery.suggestions} actions={actions} />
      </section>

      {paper?.aiSummary && (
        <section className="detail-section" aria-labelledby="ai-summary-heading">
          <h3 id="ai-summary-heading" className="section-heading">
            AI summary
          </h3>
          <p className="ai-summary">{paper.aiSummary}</p>
          {paper.aiKeywords.length > 0 && (
            <ul className="keywords" aria-label="Keywords">
              {paper.aiKeywords.map((keyword) => (
                <li key={keyword}>{keyword}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      {paper && paper.abstract.trim() !== '' && (
        <section className="detail-section" aria-labelledby="abstract-heading">
          <h3 id="abstract-heading" className="section-heading">
            Abstract
          </h3>
          <Abstract text={paper.abstract} ranges={rangesFor(matches, 'abstract')} />
        </section>
      )}

      {/* The PDF: save / read / remove; in reading mode the note moves beside the PDF. */}
      <PdfSection paperId={id} title={base.title}>
        <NoteEditor
          key={id}
          paperId={id}
          editorRef={noteEditorRef}
          isWriting={isWritingNote}
          onWritingChange={onWritingNoteChange}
          onLeave={onLeave}
          onOpenPaper={onOpenPaper}
        />
      </PdfSection>

      <LinkedFrom backlinks={noteLinks?.backlinks ?? []} onOpen={onOpenPaper} />

      {/* Last: it loads after the paper, and must not move the note while one types. */}
      {onOpenPaper && <RelatedPapers related={discovery.related} onOpen={onOpenPaper} />}
    </article>
  );
}

function rangesFor(matches: SearchMatch[], field: 'title' | 'abstract'): TextRange[] | undefined {
  return matches.find((m) => m.field === field)?.ranges;
}

/** Paragraphs of the abstract; with search hits, marked where they fall. */
function Abstract({ text, ranges }: { text: string; ranges: TextRange[] | undefined }) {
  if (!ranges || ranges.length === 0) {
    return (
      <div className="abstract">
        {abstractParagraphs(text).map((para, i) =>
          hasMath(para) ? (
            // Feed text is escaped; only its $…$ math becomes (sanitized) KaTeX markup.
            <p key={i} dangerouslySetInnerHTML={{ __html: renderMathText(para) }} />
          ) : (
            <p key={i}>{para}</p>
          ),
        )}
      </div>
    );
  }
  // Highlight offsets are into the stored text: show its paragraphs as they are.
  return (
    <div className="abstract">
      {paragraphRanges(text).map(([start, end]) => (
        <p key={start}>
          <Highlighted text={text.slice(start, end)} ranges={rangesWithin(ranges, start, end)} />
        </p>
      ))}
    </div>
  );
}

function PaperFacts({ paper }: { paper: Paper }) {
  const published = formatDate(paper.publishedAt);
  return (
    <dl className="facts">
      {published && (
        <div>
          <dt>arXiv</dt>
          <dd>{published}</dd>
        </div>
      )}
      {paper.days.length > 0 && (
        <div>
          <dt>Featured</dt>
          <dd>{paper.days.map(formatDay).join(', ')}</dd>
        </div>
      )}
      <div>
        <dt>
          <Icon name="upvote" size={12} />
          <span className="visually-hidden">Upvotes</span>
        </dt>
        <dd>
          {formatCount(paper.upvotes)} upvotes
          <PopularitySparkline paperId={paper.id} upvotes={paper.upvotes} />
        </dd>
      </div>
      <div>
        <dt>
          <Icon name="comment" size={12} />
          <span className="visually-hidden">Comments</span>
        </dt>
        <dd>
          {formatCount(paper.numComments)} {paper.numComments === 1 ? 'comment' : 'comments'}
        </dd>
      </div>
      {paper.githubStars !== null && (
        <div>
          <dt>
            <Icon name="star" size={12} />
            <span className="visually-hidden">GitHub stars</span>
          </dt>
          <dd>{formatCount(paper.githubStars)} GitHub stars</dd>
        </div>
      )}
    </dl>
  );
}
