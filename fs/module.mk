# SPDX-License-Identifier: BSD-2-Clause
# fs/: pure C, built for stage2 and for the host tests.
FS_SRCS += fs/fat.c fs/fat_dir.c fs/fat_file.c \
	fs/part.c fs/part_gpt.c fs/part_mbr.c fs/part_handover.c
FS_SRCS += fs/bpb_patch.c fs/part_hide.c fs/gpt_find.c
FS_SRCS += fs/bpb_copy.c
