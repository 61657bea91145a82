import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Instance, Workspace } from '@app/providers';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { NullableString, orNull, RawField } from '../common/fields.js';

@ObjectType('WorkspaceRef', { description: 'The workspace an instance belongs to' })
export class WorkspaceRefModel {
  @Field(() => ID, { description: "The provider's workspace id" })
  @ApiProperty({ example: '22' })
  id!: string;
  @Field({ description: 'The workspace name' }) @ApiProperty({ example: 'Main Workspace' }) name!: string;
}

@ObjectType('Instance', { description: 'A WhatsApp number connected at the provider (Wessaal)' })
export class InstanceModel {
  @Field(() => ID, { description: "The provider's instance id" })
  @ApiProperty({ example: '124' })
  id!: string;
  @Field({ description: 'The instance name' }) @ApiProperty({ example: 'my-instance' }) name!: string;
  @Field({ description: "The provider's connection state (Wessaal: open, close, connecting)" })
  @ApiProperty({ example: 'open' })
  status!: string;
  @NullableString('E.164, when the provider reports it') phoneNumber!: string | null;
  @Field(() => WorkspaceRefModel, {
    nullable: true,
    description: 'The workspace the instance belongs to, when the provider says',
  })
  @ApiPropertyOptional({ type: WorkspaceRefModel, nullable: true })
  workspace!: WorkspaceRefModel | null;
  @RawField() raw!: unknown;
}

@ObjectType('Workspace', {
  description: 'A workspace at the provider (Wessaal): instances and templates belong to one',
})
export class WorkspaceModel {
  @Field(() => ID, { description: "The provider's workspace id" })
  @ApiProperty({ example: '22' })
  id!: string;
  @Field({ description: 'The workspace name' }) @ApiProperty({ example: 'Main Workspace' }) name!: string;
  @RawField() raw!: unknown;
}

export const InstanceConnection = ConnectionType(InstanceModel, {
  name: 'Instance',
  order: "in the provider's order (the provider lists them whole; the gateway pages them)",
  totalCount: true,
});

export const WorkspaceConnection = ConnectionType(WorkspaceModel, {
  name: 'Workspace',
  order: "in the provider's order (the provider lists them whole; the gateway pages them)",
  totalCount: true,
});

export function toInstanceModel(instance: Instance): InstanceModel {
  return {
    id: instance.id,
    name: instance.name,
    status: instance.status,
    phoneNumber: orNull(instance.phoneNumber),
    workspace: instance.workspace ? { id: instance.workspace.id, name: instance.workspace.name } : null,
    raw: instance.raw,
  };
}

export function toWorkspaceModel(workspace: Workspace): WorkspaceModel {
  return { id: workspace.id, name: workspace.name, raw: workspace.raw };
}
