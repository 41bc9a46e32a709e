# SPDX-License-Identifier: BSD-2-Clause
# make install / uninstall, and make deb (docs/install.md, "Installing
# the tool"). The tool has stage1 and stage2 built in; the modules go to
# PREFIX/lib/bzboot/modules, where the installed tool looks for them
# (../lib/bzboot/modules from its own path: tools/modules.h's
# MODULES_INSTALLED), so an installed tree may be moved whole.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]
#   make deb       build/deb/bzboot_VERSION_amd64.deb, checked by lintian

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(PREFIX)/bin
PKGLIBDIR := $(PREFIX)/lib/bzboot
MODULESDIR := $(PKGLIBDIR)/modules
MANDIR := $(PREFIX)/share/man
MAN_PAGES := docs/man/bzboot.1 docs/man/bzboot.cfg.5

.PHONY: install uninstall modules deb

modules: $(MODULE_BINS)

install: $(B)/bzboot $(MODULE_BINS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MODULESDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(B)/bzboot $(DESTDIR)$(BINDIR)/bzboot
	install -m 644 $(MODULE_BINS) $(DESTDIR)$(MODULESDIR)/
	install -m 644 docs/man/bzboot.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 docs/man/bzboot.cfg.5 $(DESTDIR)$(MANDIR)/man5/

# Every module file, also one an older bzboot installed: the directory
# is bzboot's own. The shared directories (bin, share/man) stay.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bzboot $(DESTDIR)$(MODULESDIR)/*.bzm \
		$(DESTDIR)$(MANDIR)/man1/bzboot.1 \
		$(DESTDIR)$(MANDIR)/man5/bzboot.cfg.5
	rmdir $(DESTDIR)$(MODULESDIR) $(DESTDIR)$(PKGLIBDIR) 2>/dev/null || true

# The package is built from a copy of the tree (the files git knows,
# uncommitted changes included; without git, all but build/) in
# build/deb/src, so dpkg-buildpackage writes nothing outside build/: its
# .deb, .buildinfo and .changes land in build/deb/. The copy has no git: the version goes along in
# BZBOOT_VERSION, and into debian/changelog in Debian's form (no '-' in
# a native version: 0.1.0-301-gHASH-dirty is 0.1.0+301.gHASH.dirty).
DEB_DIR := $(B)/deb
DEB_VERSION = $(shell echo '$(BZBOOT_VERSION)' | sed 's/-/+/; s/-/./g')

deb:
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/src
	if [ -d .git ] || [ -f .git ]; then \
	  git ls-files -z --cached --others --exclude-standard | \
		tar --null -T - -cf -; \
	else tar --exclude=./$(B) -cf - .; fi | tar -x -C $(DEB_DIR)/src
	sed -i '1s/^bzboot ([^)]*)/bzboot ($(DEB_VERSION))/' \
		$(DEB_DIR)/src/debian/changelog
	cd $(DEB_DIR)/src && BZBOOT_VERSION='$(BZBOOT_VERSION)' \
		dpkg-buildpackage -us -uc -b -j2 >../build.log 2>&1 || \
		{ tail -30 ../build.log; echo "make deb: dpkg-buildpackage" \
		  "failed; the whole log is $(DEB_DIR)/build.log" >&2; exit 1; }
	lintian --fail-on error $(DEB_DIR)/bzboot_$(DEB_VERSION)_amd64.deb
	@echo "deb: $(DEB_DIR)/bzboot_$(DEB_VERSION)_amd64.deb"
