"""The login guard (django-axes) under a Chinese name in the desk's menu."""

from axes.apps import AppConfig as AxesAppConfig


class LoginGuardConfig(AxesAppConfig):
    verbose_name = "登录防护"
