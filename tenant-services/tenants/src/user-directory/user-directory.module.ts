import { Module } from '@nestjs/common';
import { UserDirectoryResolver } from './user-directory.resolver';

@Module({ providers: [UserDirectoryResolver] })
export class UserDirectoryModule {}
