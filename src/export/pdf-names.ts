import type { ReportDocument } from './document-model';

/**
 * The PDF's media type and file names, apart from pdf.ts so that the API and the client can name the file without
 * loading pdfkit.
 */
export const pdfMediaType = 'application/pdf';
/** `informe-2022.pdf`, `informe-2022-borrador.pdf`: the office's download of the report as it stands. */
export const pdfFileName = (doc: Pick<ReportDocument, 'year' | 'draft'>) => `informe-${doc.year}${doc.draft ? '-borrador' : ''}.pdf`;
/** `informe-2022-v2.pdf`: a published version (the same stem as its Word and JSON files). */
export const publishedPdfFileName = (year: number, version: number) => `informe-${year}-v${version}.pdf`;
