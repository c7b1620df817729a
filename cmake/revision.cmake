# Writes OUTPUT, a header with the git revision SOURCE_DIR was checked out at (`git describe --always --dirty`), or
# "unknown" when SOURCE_DIR is not the top of a git checkout (a source archive, or one unpacked inside another
# repository). Run on every build (src/CMakeLists.txt); the header is replaced only when the revision changed, so
# an unchanged tree rebuilds nothing.
set(revision unknown)
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} rev-parse --show-toplevel
                  OUTPUT_VARIABLE top RESULT_VARIABLE status OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(status EQUAL 0)
    file(REAL_PATH "${top}" top)
    file(REAL_PATH "${SOURCE_DIR}" source)
  endif()
  if(status EQUAL 0 AND top STREQUAL source)
    execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} describe --always --dirty --abbrev=12
                    OUTPUT_VARIABLE described RESULT_VARIABLE status OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(status EQUAL 0 AND described MATCHES "^[0-9A-Za-z._-]+$")
      set(revision ${described})
    endif()
  endif()
endif()
file(WRITE ${OUTPUT}.new "#pragma once\n// Written by cmake/revision.cmake.\ninline constexpr const char* motivo_build_revision = \"${revision}\";\n")
file(COPY_FILE ${OUTPUT}.new ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.new)
