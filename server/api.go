package server

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

// requireToken guards the module API with the configured bearer token.
func (s *Server) requireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.cfg.APIToken == "" {
			return problem(c, http.StatusUnauthorized, "module API disabled: start aerie with --api-token-file")
		}
		if !tokenOK(c.Request(), s.cfg.APIToken) {
			return problem(c, http.StatusUnauthorized, "missing or wrong bearer token")
		}
		return next(c)
	}
}

func (s *Server) listModules(c echo.Context) error {
	return c.JSON(http.StatusOK, s.modules.List())
}

func (s *Server) uploadModule(c echo.Context) error {
	r := c.Request()
	if mt := mediaType(r); mt != "application/wasm" {
		return problem(c, http.StatusUnsupportedMediaType, "Content-Type must be application/wasm")
	}
	buf := new(bytes.Buffer)
	if err := readBody(r, buf, s.cfg.MaxModuleBytes); err != nil {
		be := err.(*bodyError)
		return problem(c, be.code, be.msg)
	}
	info, err := s.modules.Upload(r.Context(), buf.Bytes())
	if err != nil {
		return moduleProblem(c, err)
	}
	return c.JSON(http.StatusOK, info)
}

func (s *Server) deleteModule(c echo.Context) error {
	info, err := s.modules.Revert(c.Request().Context(), c.Param("source"))
	if err != nil {
		return moduleProblem(c, err)
	}
	return c.JSON(http.StatusOK, info)
}

func moduleProblem(c echo.Context, err error) error {
	var me *ModuleError
	if errors.As(err, &me) {
		return problem(c, me.Code, err.Error())
	}
	return problem(c, http.StatusBadRequest, err.Error())
}
