# The Debian package (make package): CPack's DEB generator over `cmake --install`, with Depends computed by
# dpkg-shlibdeps from the libraries the binary links (docs/ARCHITECTURE.md, Packaging, says why CPack).
include(GNUInstallDirs)

set(MOTIVO_MAINTAINER "motivo developers <motivo@example.org>" CACHE STRING
    "The package's Maintainer field (name <address>), and the signature of its changelog")

# The manual pages, completions and Debian changelog, written by the built program on every build where it changed.
set(MOTIVO_GENERATED ${PROJECT_BINARY_DIR}/generated-docs)
set(MOTIVO_GENERATED_FILES
    ${MOTIVO_GENERATED}/man/man1/motivo.1.gz ${MOTIVO_GENERATED}/man/es/man1/motivo.1.gz
    ${MOTIVO_GENERATED}/completion/motivo.bash ${MOTIVO_GENERATED}/completion/_motivo
    ${MOTIVO_GENERATED}/completion/motivo.fish ${MOTIVO_GENERATED}/doc/changelog.gz)
add_custom_command(
  OUTPUT ${MOTIVO_GENERATED_FILES}
  COMMAND ${CMAKE_COMMAND} -DMOTIVO=$<TARGET_FILE:motivo> -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUT=${MOTIVO_GENERATED}
          "-DMAINTAINER=${MOTIVO_MAINTAINER}" -P ${PROJECT_SOURCE_DIR}/cmake/generated_docs.cmake
  DEPENDS motivo ${PROJECT_SOURCE_DIR}/cmake/generated_docs.cmake ${PROJECT_SOURCE_DIR}/CHANGELOG.md
          ${PROJECT_SOURCE_DIR}/scripts/deb-changelog.py
  COMMENT "Writing the manual pages and completions from motivo's command line" VERBATIM)
add_custom_target(motivo_docs ALL DEPENDS ${MOTIVO_GENERATED_FILES})

install(FILES ${MOTIVO_GENERATED}/man/man1/motivo.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${MOTIVO_GENERATED}/man/es/man1/motivo.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/es/man1)
install(FILES ${MOTIVO_GENERATED}/completion/motivo.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME motivo)
install(FILES ${MOTIVO_GENERATED}/completion/_motivo DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${MOTIVO_GENERATED}/completion/motivo.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md
              ${PROJECT_SOURCE_DIR}/packaging/copyright ${MOTIVO_GENERATED}/doc/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME motivo)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${MOTIVO_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "triage the LinkedIn connection requests you receive")
string(CONCAT CPACK_PACKAGE_DESCRIPTION # lines under 80 characters, as Debian's policy asks
    "motivo imports the archive LinkedIn gives under 'Get a copy of your data',\n"
    "and its invitation mail, into a local database. It labels each invitation's\n"
    "note (empty, LinkedIn's stock text, a template, spam or personalised),\n"
    "suggests what to do with each one, prints the message asking an inviter why\n"
    "they want to connect, records your decisions and reports what happens, from\n"
    "the command line or in a browser. It opens no network connection except the\n"
    "IMAP server you name.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # motivo_VERSION_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: the runtime libraries the binary links, as dpkg-shlibdeps says
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON) # no debug information, and with it no path of the build machine
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
set(CPACK_THREADS 2)
include(CPack)
