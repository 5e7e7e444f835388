/**
 * iCalendar (RFC 5545) for the public calendar of forums: one event per forum with a date, for «Agregar a mi
 * calendario» (one forum) and the subscribable feed (the year). Forum times are on the organisation's wall clock (its
 * time zone, default America/Bogota), written in UTC; a forum without a time is an all-day event. Pure: the caller
 * gives the stamp time.
 */

import { defaultTimeZone } from './organization';
import { instantIn } from './zoned-date';

export interface CalendarEvent {
  uid: string;
  title: string;
  /** YYYY-MM-DD (the organisation's). */
  date: string;
  /** HH:MM (the organisation's wall clock), or null for an all-day event. */
  time: string | null;
  durationMinutes: number | null;
  description: string;
  location: string;
  url: string;
  cancelled: boolean;
}


/** Escapes a TEXT value (backslash, semicolon, comma, line breaks). */
export function icalText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // Control characters have no place in a calendar line.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** Folds a content line at 75 octets (UTF-8), continuation lines starting with a space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + length > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');
const utcStamp = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

function eventLines(event: CalendarEvent, stamp: Date, timeZone: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utcStamp(stamp)}`];
  const [y, m, d] = event.date.split('-').map(Number);
  if (event.time) {
    const start = instantIn(timeZone, event.date, event.time);
    const end = new Date(start.getTime() + (event.durationMinutes ?? 60) * 60_000);
    lines.push(`DTSTART:${utcStamp(start)}`, `DTEND:${utcStamp(end)}`);
  } else {
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    lines.push(`DTSTART;VALUE=DATE:${event.date.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${next.getUTCFullYear()}${pad(next.getUTCMonth() + 1)}${pad(next.getUTCDate())}`);
  }
  lines.push(`SUMMARY:${icalText(event.title)}`);
  if (event.description) lines.push(`DESCRIPTION:${icalText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${icalText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
  lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  return lines;
}

/** A whole calendar (VCALENDAR) with `events`, CRLF line ends, folded. */
export function buildCalendar(name: string, events: CalendarEvent[], stamp: Date, timeZone: string = defaultTimeZone): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Foros//Participa//ES', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icalText(name)}`, `X-WR-TIMEZONE:${timeZone}`];
  for (const event of events) lines.push(...eventLines(event, stamp, timeZone));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export const icalMediaType = 'text/calendar; charset=utf-8';
