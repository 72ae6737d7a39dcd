# The Debian package (README.md, "Installing the package"): from the build directory
#     cpack -G DEB
# makes qimapd_<version>_<arch>.deb with
#     /usr/bin/qimapd
#     /etc/qimapd/qimapd.conf            conffile: every option, commented, the service's values set
#     /etc/qimapd/certs/                 root:qimapd 0750 (postinst), for server-cert.pem / server-key.pem
#     /var/lib/qimapd/                   qimapd:qimapd 0750 (postinst): the database
#     /usr/lib/systemd/system/qimapd.service
#     /usr/share/applications/qimapd-dashboard.desktop, the hicolor icon, README.md
# The package is installed under /usr, whatever CMAKE_INSTALL_PREFIX says for `cmake --install`;
# /etc and /var are absolute.
include(GNUInstallDirs)

set(QIMAPD_INSTALLER_DIR ${CMAKE_CURRENT_LIST_DIR})

# Debian's Qt lives in the system library path: no RPATH (qt_standard_project_setup() would
# set $ORIGIN/../lib).
set_target_properties(qimapd PROPERTIES INSTALL_RPATH "")
install(TARGETS qimapd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${QIMAPD_INSTALLER_DIR}/qimapd.conf DESTINATION /etc/qimapd
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(DIRECTORY DESTINATION /etc/qimapd/certs)
install(DIRECTORY DESTINATION /var/lib/qimapd)
install(FILES ${QIMAPD_INSTALLER_DIR}/qimapd.service DESTINATION lib/systemd/system
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES ${QIMAPD_INSTALLER_DIR}/qimapd-dashboard.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/qimapd.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/qimapd)

set(CPACK_PACKAGE_NAME qimapd)
set(CPACK_PACKAGE_VENDOR "qimapd developers")
set(CPACK_PACKAGE_CONTACT "qimapd developers <qimapd@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "IMAP server with an administrative dashboard")
set(CPACK_PACKAGE_DESCRIPTION "qimapd is an IMAP4rev1 server (RFC 3501 with IDLE, UIDPLUS, LITERAL+ and more) \
in C++ and Qt 6: one thread, TLS by default, SQLite storage, a live dashboard of every session. \
It runs as the systemd service qimapd.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries dpkg-shlibdeps finds in the binary, plus what it cannot see: Qt's SQLite driver
# and platform plugins are loaded at run time, and postinst calls adduser.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins, adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "openssl")
set(CPACK_DEBIAN_PACKAGE_PROVIDES "imap-server")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${QIMAPD_INSTALLER_DIR}/debian/conffiles
    ${QIMAPD_INSTALLER_DIR}/debian/postinst
    ${QIMAPD_INSTALLER_DIR}/debian/prerm
    ${QIMAPD_INSTALLER_DIR}/debian/postrm)
# Scripts 0755, conffiles 0644, whatever the checkout's modes are.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# Only the DEB generator is meant; `cpack` alone builds it.
set(CPACK_GENERATOR DEB)
include(CPack)
