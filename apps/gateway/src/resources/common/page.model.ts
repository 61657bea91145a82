import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Page } from '@app/providers';

/** One page of a provider's list, as the provider counts pages (`pageCount` and `total` when it says). */
export interface PageModel<T> {
  items: T[];
  page: number;
  pageCount: number | null;
  total: number | null;
}

/** The base of a concrete page type: `@ObjectType('ContactPage') class ContactPage extends PageOf(ContactModel)`. */
export function PageOf<T>(item: Type<T>): Type<PageModel<T>> {
  @ObjectType({ isAbstract: true })
  abstract class PageClass implements PageModel<T> {
    @Field(() => [item]) @ApiProperty({ type: [item] }) items!: T[];
    @Field(() => Int) @ApiProperty({ type: 'integer', example: 1 }) page!: number;
    @Field(() => Int, { nullable: true, description: 'Null when the provider does not say' })
    @ApiPropertyOptional({ nullable: true, type: 'integer' })
    pageCount!: number | null;
    @Field(() => Int, { nullable: true, description: 'Null when the provider does not say' })
    @ApiPropertyOptional({ nullable: true, type: 'integer' })
    total!: number | null;
  }
  return PageClass as Type<PageModel<T>>;
}

/** A unified page → the API's page; the page's own `raw` stays inside the gateway. */
export function toPageModel<T, U>(page: Page<T>, map: (item: T) => U): PageModel<U> {
  return {
    items: page.items.map(map),
    page: page.page,
    pageCount: page.pageCount ?? null,
    total: page.total ?? null,
  };
}
