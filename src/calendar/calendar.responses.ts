import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes } from '../common/openapi';
import type { CalendarFeedView, CreatedCalendarFeed } from './calendar-feeds.service';

const TIMESTAMP = { type: String, format: 'date-time' } as const;

/** A person's calendar feed of one scope: never its address, which is stored as a hash. */
export class CalendarFeedResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The plan, for a plan's feed; null for your own deadlines" })
  planId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The plan's title, for a plan's feed" })
  planTitle!: string | null;

  @ApiProperty({ description: 'Whether the feed is on' })
  active!: boolean;

  @ApiProperty({ type: String, nullable: true, description: "The first characters of the address's token, to tell an old address from the new one", example: 'Xy3kQ9_a' })
  tokenPrefix!: string | null;

  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'When the current address was made' })
  createdAt!: Date | null;

  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'When a calendar last fetched it' })
  lastReadAt!: Date | null;
}

/** The only answer that holds the feed's address. */
export class CreatedCalendarFeedResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The plan, for a plan's feed; null for your own deadlines" })
  planId!: string | null;

  @ApiProperty({ format: 'uri', description: 'Shown once: subscribe to it in Outlook (Add calendar, Subscribe from web) or any calendar. Anyone with it sees what is in the feed.', example: 'https://plans.example.gov.uk/calendar/…​.ics' })
  url!: string;

  @ApiProperty({ description: 'The same address as webcal://, which opens a calendar application', example: 'webcal://plans.example.gov.uk/calendar/…​.ics' })
  webcalUrl!: string;

  @ApiProperty()
  tokenPrefix!: string;

  @ApiProperty(TIMESTAMP)
  createdAt!: Date;
}

export type CalendarFeedChecked = Assert<Describes<CalendarFeedResponse, CalendarFeedView>>;
export type CreatedCalendarFeedChecked = Assert<Describes<CreatedCalendarFeedResponse, CreatedCalendarFeed>>;
