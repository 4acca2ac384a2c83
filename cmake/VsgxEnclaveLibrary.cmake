# vsgx_enclave_library(NAME SOURCES src... [FLAGS extra...]): compiles enclave code (C or .S) with
# VSGX_ENCLAVE_CFLAGS (never the host's flags or sanitizers) into
# ${CMAKE_BINARY_DIR}/lib/lib<NAME>.a; target <NAME>, built by `all`, installed to lib64.
function(vsgx_enclave_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;FLAGS" ${ARGN})
    set(dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.dir)
    file(MAKE_DIRECTORY ${dir})
    set(objs)
    foreach(src ${ARG_SOURCES})
        get_filename_component(base ${src} NAME)
        set(obj ${dir}/${base}.o)
        add_custom_command(OUTPUT ${obj}
            COMMAND ${CMAKE_C_COMPILER} ${VSGX_ENCLAVE_CFLAGS} ${ARG_FLAGS} -MD -MF ${obj}.d -c ${src} -o ${obj}
            DEPENDS ${src} DEPFILE ${obj}.d
            COMMENT "enclave code ${name}: ${base}" VERBATIM)
        list(APPEND objs ${obj})
    endforeach()
    set(lib ${CMAKE_BINARY_DIR}/lib/lib${name}.a)
    add_custom_command(OUTPUT ${lib}
        COMMAND ${CMAKE_COMMAND} -E rm -f ${lib}
        COMMAND ${CMAKE_AR} rcs ${lib} ${objs}
        DEPENDS ${objs} COMMENT "enclave library lib${name}.a" VERBATIM)
    add_custom_target(${name} ALL DEPENDS ${lib})
    install(FILES ${lib} DESTINATION lib64)
endfunction()
