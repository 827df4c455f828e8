import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../../tests/support/tinyPdf';
import { looksLikePdf, pdfDocumentText, textOfItems } from './pdfText';

// The reader page's code, run on pdf.js's legacy build in Node with a PDF written for the test.

describe('pdf text', () => {
  it('reads the lines and the title of a PDF through pdf.js', async () => {
    const bytes = tinyPdf(['First line (with parentheses)', 'Second line \\ backslash'], 'A small report');
    expect(looksLikePdf(bytes)).toBe(true);
    const doc = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
    expect(await pdfDocumentText(doc)).toEqual({ title: 'A small report', text: 'First line (with parentheses)\nSecond line \\ backslash' });
    await doc.destroy();
  });

  it('tells a PDF from an HTML page', () => {
    expect(looksLikePdf(new TextEncoder().encode('<!doctype html><p>%PDF</p>'))).toBe(false);
    expect(looksLikePdf(new TextEncoder().encode('\n\n%PDF-1.7\n'))).toBe(true);
  });

  it('joins text items into lines at their line ends, skipping marked-content markers', () => {
    expect(textOfItems([{ str: 'Hello ' }, { str: 'world', hasEOL: true }, {}, { str: 'next  ', hasEOL: true }])).toBe('Hello world\nnext');
  });
});
