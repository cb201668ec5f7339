import './pdfjs-global';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import {
  EventBus,
  LinkTarget,
  PDFFindController,
  PDFLinkService,
  PDFViewer,
} from 'pdfjs-dist/web/pdf_viewer.mjs';
import { openPdfDocument, pdfjs } from './pdfjs';
import { ReaderToolbar, type FindStatus } from './ReaderToolbar';
import './pdf-reader.css';
import { installViewerCss } from './viewer-css';

installViewerCss();

export interface PdfReaderProps {
  /** The PDF's bytes (a copy is handed to pdf.js). */
  data: Uint8Array;
  /** Open at this page (the last one read). */
  initialPage: number | null;
  onPageChange: (page: number) => void;
  /** External links in the PDF open outside the app, like every other link. */
  openExternal: (url: string) => void;
}

const ZOOM_PRESETS = new Set(['page-width', 'page-fit', 'auto', 'page-actual']);

/**
 * The PDF itself: pdf.js's viewer (continuous pages, selectable text layer,
 * links) with page navigation, zoom, fit width and search. The default export
 * so it can be loaded lazily with pdf.js.
 */
export default function PdfReader({
  data,
  initialPage,
  onPageChange,
  openExternal,
}: PdfReaderProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const viewer = useRef<PDFViewer | null>(null);
  const bus = useRef<EventBus | null>(null);
  const findInputRef = useRef<HTMLInputElement>(null);
  const pageInputRef = useRef<HTMLInputElement>(null);
  const callbacks = useRef({ onPageChange, openExternal, initialPage });
  const [error, setError] = useState<string | null>(null);
  const [pageCount, setPageCount] = useState(0);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState<{ percent: number; preset: string | null }>({
    percent: 100,
    preset: 'page-width',
  });
  const [find, setFind] = useState<FindStatus>({ query: '', current: 0, total: 0, state: 'idle' });

  useEffect(() => {
    callbacks.current = { onPageChange, openExternal, initialPage };
  });

  useEffect(() => {
    const container = containerRef.current!;
    let cancelled = false;
    const eventBus = new EventBus();
    const linkService = new PDFLinkService({
      eventBus,
      externalLinkTarget: LinkTarget.BLANK,
      externalLinkRel: 'noopener noreferrer nofollow',
    });
    const findController = new PDFFindController({ eventBus, linkService });
    const pdfViewer = new PDFViewer({
      container,
      viewer: viewerRef.current!,
      eventBus,
      linkService,
      findController,
      // Links are drawn; forms are not, and no PDFScriptingManager exists: no PDF script ever runs.
      annotationMode: pdfjs.AnnotationMode.ENABLE,
      textLayerMode: 1,
    });
    linkService.setViewer(pdfViewer);
    viewer.current = pdfViewer;
    bus.current = eventBus;

    eventBus.on('pagesinit', () => {
      pdfViewer.currentScaleValue = 'page-width';
      const wanted = callbacks.current.initialPage;
      if (wanted && wanted > 1)
        pdfViewer.currentPageNumber = Math.min(wanted, pdfViewer.pagesCount);
      setPage(pdfViewer.currentPageNumber);
    });
    eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
      // Closing resets the viewer to page 1: that is not a page the user read.
      if (cancelled) return;
      setPage(pageNumber);
      callbacks.current.onPageChange(pageNumber);
    });
    eventBus.on(
      'scalechanging',
      ({ scale: s, presetValue }: { scale: number; presetValue?: string }) =>
        setScale({
          percent: Math.round(s * 100),
          preset: presetValue && ZOOM_PRESETS.has(presetValue) ? presetValue : null,
        }),
    );
    const onMatches = ({ matchesCount }: { matchesCount: { current: number; total: number } }) =>
      setFind((f) => ({ ...f, current: matchesCount.current, total: matchesCount.total }));
    eventBus.on('updatefindmatchescount', onMatches);
    eventBus.on(
      'updatefindcontrolstate',
      ({
        state,
        matchesCount,
      }: {
        state: number;
        matchesCount: { current: number; total: number };
      }) =>
        setFind((f) => ({
          ...f,
          current: matchesCount.current,
          total: matchesCount.total,
          state:
            state === 1 ? 'not-found' : state === 3 ? 'pending' : state === 2 ? 'wrapped' : 'found',
        })),
    );

    // Page width follows the pane when the split is dragged or the window resized.
    const resize = new ResizeObserver(() => {
      const preset = pdfViewer.currentScaleValue;
      if (pdfViewer.pdfDocument && ZOOM_PRESETS.has(preset)) pdfViewer.currentScaleValue = preset;
    });
    resize.observe(container);

    // Opened in a promise so a synchronous failure in pdf.js lands in the same handler.
    const opening = Promise.resolve().then(() => openPdfDocument(data.slice()));
    opening
      .then((task) => task.promise)
      .then(
        (pdf) => {
          if (cancelled) return;
          pdfViewer.setDocument(pdf);
          linkService.setDocument(pdf);
          setPageCount(pdf.numPages);
        },
        (reason: unknown) => {
          if (cancelled) return;
          const name = reason instanceof Error ? reason.name : '';
          setError(
            name === 'InvalidPDFException'
              ? 'This file is damaged or is not a PDF.'
              : name === 'PasswordException'
                ? 'This PDF is protected by a password, which Papershelf cannot open.'
                : `The PDF could not be opened: ${reason instanceof Error ? reason.message : String(reason)}`,
          );
        },
      );
    return () => {
      cancelled = true;
      resize.disconnect();
      pdfViewer.setDocument(null as never);
      linkService.setDocument(null);
      viewer.current = null;
      bus.current = null;
      void opening.then((task) => task.destroy()).catch(() => undefined);
    };
  }, [data]);

  const go = (target: number) => {
    const v = viewer.current;
    if (!v || v.pagesCount === 0) return;
    v.currentPageNumber = Math.max(1, Math.min(v.pagesCount, Math.round(target)));
  };

  const zoom = (how: 'in' | 'out' | 'fit-width') => {
    const v = viewer.current;
    if (!v?.pdfDocument) return;
    if (how === 'in') v.increaseScale();
    else if (how === 'out') v.decreaseScale();
    else v.currentScaleValue = 'page-width';
  };

  const search = (query: string, type: '' | 'again', previous = false) => {
    setFind((f) => ({
      ...f,
      query,
      state: query ? 'pending' : 'idle',
      ...(query ? {} : { current: 0, total: 0 }),
    }));
    bus.current?.dispatch('find', {
      source: null,
      type,
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: previous,
      matchDiacritics: false,
    });
  };

  const closeFind = () => {
    if (find.query) search('', '');
    bus.current?.dispatch('findbarclose', { source: null });
    containerRef.current?.focus();
  };

  /** Reader keys; keys typed into the page or find box are theirs. */
  const onKeyDown = (event: ReactKeyboardEvent) => {
    const inField = event.target instanceof HTMLInputElement;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      findInputRef.current?.focus();
      findInputRef.current?.select();
      return;
    }
    if (inField || mod || event.altKey) return;
    const v = viewer.current;
    const keys: Record<string, () => void> = {
      j: () => go(page + 1),
      ArrowRight: () => go(page + 1),
      k: () => go(page - 1),
      ArrowLeft: () => go(page - 1),
      Home: () => go(1),
      End: () => go(v?.pagesCount ?? 1),
      '+': () => zoom('in'),
      '=': () => zoom('in'),
      '-': () => zoom('out'),
      '0': () => zoom('fit-width'),
      w: () => zoom('fit-width'),
      '/': () => findInputRef.current?.focus(),
      g: () => pageInputRef.current?.select(),
    };
    const run = keys[event.key];
    if (!run) return;
    event.preventDefault();
    event.stopPropagation();
    run();
  };

  return (
    <div className="pdf-reader" onKeyDown={onKeyDown}>
      <ReaderToolbar
        page={page}
        pageCount={pageCount}
        onPage={go}
        zoomPercent={scale.percent}
        isFitWidth={scale.preset === 'page-width'}
        onZoom={zoom}
        find={find}
        onFind={(query) => search(query, '')}
        onFindAgain={(previous) => search(find.query, 'again', previous)}
        onCloseFind={closeFind}
        findInputRef={findInputRef}
        pageInputRef={pageInputRef}
      />
      {error && (
        <p className="pdf-error" role="alert">
          {error}
        </p>
      )}
      <div className="pdf-stage">
        <div
          ref={containerRef}
          className="pdf-viewport"
          tabIndex={0}
          role="document"
          aria-label="PDF pages"
          onClick={(event) => {
            // External links open in the system browser (desktop) or a new tab, never in the app.
            const link = (event.target as HTMLElement).closest('a[href]');
            const href = link?.getAttribute('href') ?? '';
            if (link && /^https?:\/\//i.test(href)) {
              event.preventDefault();
              callbacks.current.openExternal(href);
            }
          }}
        >
          <div ref={viewerRef} className="pdfViewer" />
        </div>
      </div>
    </div>
  );
}
