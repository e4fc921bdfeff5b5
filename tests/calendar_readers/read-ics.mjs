// Reads an .ics file with ical.js (as web calendars do) and prints each event's UID and
// start in UTC, one JSON object per line, so a test can compare with other readers.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const component = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of component.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
for (const vevent of component.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  const start = event.startDate.toJSDate();
  console.log(JSON.stringify({ uid: event.uid, start: start.toISOString() }));
}
