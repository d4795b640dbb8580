# One image for web, worker and beat (docker-compose.yml chooses the command).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app

COPY pyproject.toml README.md ./
COPY config ./config
COPY governance ./governance
COPY annualplan ./annualplan
COPY fees ./fees
COPY webadmin ./webadmin
RUN pip install --upgrade pip && pip install .

COPY . .
# collectstatic needs settings; these throwaway values are not used at run time.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 samordna && mkdir -p /app/media && chown samordna /app/media
USER samordna
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
